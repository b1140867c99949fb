package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.gen4j.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
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
 * @param featureNetwork the feature space the rows were measured in
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
   * The feature space a report was measured with.
   *
   * @param kind gen4j's classifier of the dataset's classes, its rotation-prediction network (a dataset
   *     without labels), or a SavedModel the user named
   * @param description one line saying what the features are, as the table prints it
   * @param dataset the train split gen4j's network was trained on; {@code null} for a SavedModel
   * @param datasetChecksum SHA-256 of the train and test splits it was trained and measured on; for a
   *     SavedModel, the SHA-256 of its {@code saved_model.pb}
   * @param architectureVersion {@link FeatureNetwork#ARCHITECTURE_VERSION}; {@code null} for a SavedModel
   * @param testAccuracy the share of the test split it classifies right (classes or rotations); {@code
   *     null} for a SavedModel
   * @param cacheEntry where it is cached, or the SavedModel's directory
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FeatureNetworkSummary(
      Kind kind,
      String description,
      String dataset,
      String datasetChecksum,
      Integer architectureVersion,
      Double testAccuracy,
      String cacheEntry) {

    /** Where the features come from. */
    public enum Kind {
      /** gen4j's network trained to classify the dataset's labels. */
      @JsonProperty("classifier")
      CLASSIFIER,
      /** gen4j's network trained to tell the rotation of the dataset's images, for a dataset without labels. */
      @JsonProperty("rotation")
      ROTATION,
      /** An image-to-features SavedModel the user supplied ({@code gen4j eval --features DIR}). */
      @JsonProperty("saved-model")
      SAVED_MODEL
    }

    /** The summary of a cached network. */
    public static FeatureNetworkSummary of(CachedFeatureNetwork network) {
      FeatureNetworkManifest manifest = network.manifest();
      Kind kind = manifest.task() == FeatureTask.CLASSES ? Kind.CLASSIFIER : Kind.ROTATION;
      String what = manifest.task() == FeatureTask.CLASSES
          ? String.format(Locale.ROOT, "%d-d penultimate layer of a classifier trained on %s (%d classes), test"
              + " accuracy %.2f%%", FeatureNetwork.FEATURES, manifest.dataset(), manifest.classes(),
              100 * manifest.testAccuracy())
          : String.format(Locale.ROOT, "%d-d penultimate layer of a network trained to tell the rotation (%s) of %s"
              + " images, which have no labels; rotation accuracy %.2f%% on the test split", FeatureNetwork.FEATURES,
              manifest.classes() == 4 ? "0, 90, 180 or 270 degrees" : "0 or 180 degrees", manifest.dataset(),
              100 * manifest.testAccuracy());
      return new FeatureNetworkSummary(kind, what, manifest.dataset(), manifest.datasetChecksum(),
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
