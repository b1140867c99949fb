package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import io.gen4j.eval.ClassifierTraining;
import io.gen4j.eval.EvaluationDataset;
import io.gen4j.eval.EvaluationSettings;
import io.gen4j.eval.FeatureNetworkCache;
import io.gen4j.spi.InvalidConfigException;

/**
 * The {@code eval} section of a sweep file: how each run is evaluated once it has trained, as {@code
 * gen4j eval --run} does, with settings cheaper than its defaults where a sweep needs them.
 *
 * @param enabled whether runs are evaluated at all ({@code "eval": false} turns it off); default true
 * @param samples N, images scored per row; default {@value #DEFAULT_SAMPLES} (fewer than {@code gen4j
 *     eval}'s 10,000: a sweep evaluates many runs)
 * @param seed the evaluation seed ({@code gen4j eval --seed}); default 1
 * @param testImages score against the first N test images only; 0 (the default) for all.
 *     Precision/recall's cost grows with the square of it
 * @param kidSubsets KID's subsets; default 100
 * @param kidSubsetSize KID's subset size; default 1,000 (capped by N)
 * @param neighbours k of precision/recall; default 3
 * @param nllSamples for models with importance weights (VAEs): k of the importance-sampled negative
 *     log-likelihood ({@code gen4j nll --k}); 0 (the default) skips it
 * @param nllImages test images the likelihood is estimated on; 0 for all; default {@value
 *     #DEFAULT_NLL_IMAGES}
 * @param featureNetwork how the feature network is trained when the cache has none; default {@code gen4j
 *     eval}'s ({@link ClassifierTraining#DEFAULT}). Other settings give other figures: compare only runs
 *     evaluated alike
 */
public record SweepEvaluation(
    boolean enabled,
    int samples,
    long seed,
    int testImages,
    int kidSubsets,
    int kidSubsetSize,
    int neighbours,
    int nllSamples,
    int nllImages,
    ClassifierTraining featureNetwork) {

  /** Default of {@code samples}. */
  public static final int DEFAULT_SAMPLES = 2000;

  /** Default of {@code nllImages}. */
  public static final int DEFAULT_NLL_IMAGES = 1000;

  /** The defaults listed above. */
  public static final SweepEvaluation DEFAULT = new SweepEvaluation(true, DEFAULT_SAMPLES,
      EvaluationSettings.DEFAULT_SEED, 0, EvaluationSettings.DEFAULT.kidSubsets(),
      EvaluationSettings.DEFAULT.kidSubsetSize(), EvaluationSettings.DEFAULT.neighbours(), 0, DEFAULT_NLL_IMAGES,
      ClassifierTraining.DEFAULT);

  /** No evaluation. */
  public static final SweepEvaluation NONE = DEFAULT.withEnabled(false);

  public SweepEvaluation {
    if (samples < 2) {
      throw new InvalidConfigException("samples", "must be at least 2, got " + samples);
    }
    if (testImages < 0) {
      throw new InvalidConfigException("testImages", "must be 0 (all) or more, got " + testImages);
    }
    if (kidSubsets < 1) {
      throw new InvalidConfigException("kidSubsets", "must be at least 1, got " + kidSubsets);
    }
    if (kidSubsetSize < 2) {
      throw new InvalidConfigException("kidSubsetSize", "must be at least 2, got " + kidSubsetSize);
    }
    if (neighbours < 1) {
      throw new InvalidConfigException("neighbours", "must be at least 1, got " + neighbours);
    }
    if (nllSamples < 0) {
      throw new InvalidConfigException("nllSamples", "must be 0 (none) or more, got " + nllSamples);
    }
    if (nllImages < 0) {
      throw new InvalidConfigException("nllImages", "must be 0 (all) or more, got " + nllImages);
    }
    requireNonNull(featureNetwork, "featureNetwork is null");
  }

  /** The settings {@link io.gen4j.eval.Evaluations} takes. */
  public EvaluationSettings settings() {
    return new EvaluationSettings(samples, seed, kidSubsets, kidSubsetSize, neighbours);
  }

  /** The splits runs on a dataset are measured against: its test split cut to {@code testImages}. */
  public EvaluationDataset dataset(String name) {
    EvaluationDataset full = EvaluationDataset.named(name);
    if (testImages == 0 || testImages >= full.test().count()) {
      return full;
    }
    return new EvaluationDataset(full.name(), full.train(), full.test().slice(testImages));
  }

  /** The feature network cache in the user's cache directory, with these training settings. */
  public FeatureNetworkCache cache() {
    return new FeatureNetworkCache(FeatureNetworkCache.defaultDirectory(), featureNetwork);
  }

  /** These settings, on or off. */
  public SweepEvaluation withEnabled(boolean on) {
    return new SweepEvaluation(on, samples, seed, testImages, kidSubsets, kidSubsetSize, neighbours, nllSamples,
        nllImages, featureNetwork);
  }
}
