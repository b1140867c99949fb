package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.gen4j.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code gen4j eval} found, as written to {@code eval.json}: the model's row, the reference row
 * (real train images against the test split: what a perfect generator would score), the feature
 * network they were measured with, and the run's own held-out metrics.
 *
 * @param dataset the dataset's name, such as {@code mnist}
 * @param testImages the size of the test split the rows are measured against
 * @param featureNetwork the feature network
 * @param settings N, seed, KID subsets and k
 * @param model the model's (or the samples file's) row
 * @param reference the train split's row
 * @param runMetrics the run's latest held-out scores ({@link RunMetrics}), by key in order; empty for a
 *     samples file and for models that log none
 * @param created when the evaluation finished (ISO-8601)
 * @param conditional for a conditional model, the feature network's accuracy on the requested labels and
 *     the per-class FIDs; empty (absent from JSON) otherwise
 */
public record EvaluationReport(
    String dataset,
    int testImages,
    FeatureNetworkSummary featureNetwork,
    EvaluationSettings settings,
    SampleMetrics model,
    SampleMetrics reference,
    Map<String, RunMetrics.LoggedValue> runMetrics,
    String created,
    Optional<ConditionalMetrics> conditional) {

  /** The name of the file a run's evaluation is written to. */
  public static final String FILE_NAME = "eval.json";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .enable(SerializationFeature.INDENT_OUTPUT)
      .serializationInclusion(JsonInclude.Include.NON_ABSENT)
      .build();

  public EvaluationReport {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(featureNetwork, "featureNetwork is null");
    requireNonNull(settings, "settings is null");
    requireNonNull(model, "model is null");
    requireNonNull(reference, "reference is null");
    runMetrics = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(runMetrics, "runMetrics is null")));
    requireNonNull(created, "created is null");
    conditional = conditional == null ? Optional.empty() : conditional;
  }

  /** A report of a model that is not conditional. */
  public EvaluationReport(
      String dataset, int testImages, FeatureNetworkSummary featureNetwork, EvaluationSettings settings,
      SampleMetrics model, SampleMetrics reference, Map<String, RunMetrics.LoggedValue> runMetrics, String created) {
    this(dataset, testImages, featureNetwork, settings, model, reference, runMetrics, created, Optional.empty());
  }

  /**
   * The feature network a report was measured with.
   *
   * @param dataset its train split
   * @param datasetChecksum SHA-256 of its train and test splits
   * @param architectureVersion {@link FeatureNetwork#ARCHITECTURE_VERSION}
   * @param testAccuracy its accuracy on the test split
   * @param cacheEntry where it is cached
   */
  public record FeatureNetworkSummary(
      String dataset, String datasetChecksum, int architectureVersion, double testAccuracy, String cacheEntry) {

    /** The summary of a cached network. */
    public static FeatureNetworkSummary of(CachedFeatureNetwork network) {
      FeatureNetworkManifest manifest = network.manifest();
      return new FeatureNetworkSummary(manifest.dataset(), manifest.datasetChecksum(),
          manifest.architectureVersion(), manifest.testAccuracy(), network.entry().toString());
    }
  }

  /** Writes the report as JSON, atomically (temporary file, then rename). */
  public void write(Path file) {
    AtomicFiles.write(file, temporary -> JSON.writeValue(temporary.toFile(), this));
  }

  /** Reads a report {@link #write} wrote. */
  public static EvaluationReport read(Path file) {
    try {
      return JSON.readValue(file.toFile(), EvaluationReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
