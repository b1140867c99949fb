package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A feature network from the cache, with the manifest it was saved with. Closing it closes the network.
 *
 * @param network the network, ready to embed images
 * @param manifest its provenance and test accuracy
 * @param entry the cache directory it lives in
 * @param trained whether it was trained for this call (true) or loaded from the cache (false)
 */
public record CachedFeatureNetwork(FeatureNetwork network, FeatureNetworkManifest manifest, Path entry, boolean trained)
    implements AutoCloseable {

  public CachedFeatureNetwork {
    requireNonNull(network, "network is null");
    requireNonNull(manifest, "manifest is null");
    requireNonNull(entry, "entry is null");
  }

  @Override
  public void close() {
    network.close();
  }
}
