package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.nio.file.Path;

/**
 * A feature network from the cache, with the manifest it was saved with: gen4j's feature space for a
 * dataset. Closing it closes the network.
 *
 * @param network the network, ready to embed images
 * @param manifest its provenance and test accuracy
 * @param entry the cache directory it lives in
 * @param trained whether it was trained for this call (true) or loaded from the cache (false)
 */
public record CachedFeatureNetwork(FeatureNetwork network, FeatureNetworkManifest manifest, Path entry, boolean trained)
    implements FeatureSpace {

  public CachedFeatureNetwork {
    requireNonNull(network, "network is null");
    requireNonNull(manifest, "manifest is null");
    requireNonNull(entry, "entry is null");
  }

  @Override
  public EvaluationReport.FeatureNetworkSummary summary() {
    return EvaluationReport.FeatureNetworkSummary.of(this);
  }

  @Override
  public boolean accepts(ImageShape shape) {
    return network.shape().equals(shape);
  }

  @Override
  public Embedding embed(ImageBatch batch) {
    Embedding embedding = network.embed(batch);
    return manifest.task() == FeatureTask.CLASSES ? embedding : new Embedding(embedding.features(), null);
  }

  @Override
  public int datasetClasses() {
    return manifest.task() == FeatureTask.CLASSES ? network.classes() : 0;
  }

  @Override
  public void close() {
    network.close();
  }
}
