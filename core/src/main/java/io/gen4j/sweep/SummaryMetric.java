package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A column of a sweep's summary: a figure every run has (or lacks), averaged over seeds.
 *
 * @param id the name in {@code summary.csv} and in a sweep file's {@code metric}
 * @param label the column heading in {@code summary.md} and the report
 * @param better which way is better, for ranking
 */
public record SummaryMetric(String id, String label, Better better) {

  /** Which way a metric improves. */
  public enum Better {
    LOWER,
    HIGHER
  }

  /** Fréchet distance in the feature network's space. */
  public static final SummaryMetric FID = new SummaryMetric("fid", "FID", Better.LOWER);
  /** Kernel inception distance, ×1000 as {@code gen4j eval} shows it. */
  public static final SummaryMetric KID = new SummaryMetric("kid_x1000", "KID ×1000", Better.LOWER);
  /** Inception-style score from the feature network's classes. */
  public static final SummaryMetric INCEPTION_SCORE = new SummaryMetric("inception_score", "IS", Better.HIGHER);
  /** Share of samples inside the test split's manifold. */
  public static final SummaryMetric PRECISION = new SummaryMetric("precision", "precision", Better.HIGHER);
  /** Share of test images inside the samples' manifold. */
  public static final SummaryMetric RECALL = new SummaryMetric("recall", "recall", Better.HIGHER);
  /** Class coverage: KL of the predicted-class histogram from uniform (0 when every class is generated equally). */
  public static final SummaryMetric CLASS_KL = new SummaryMetric("class_kl", "class KL", Better.LOWER);
  /** Importance-sampled negative log-likelihood in nats (models with importance weights, with {@code eval.nllSamples}). */
  public static final SummaryMetric NLL = new SummaryMetric("nll", "NLL", Better.LOWER);
  /** Seconds of training, summed over the processes that trained the run. */
  public static final SummaryMetric TRAINING_SECONDS = new SummaryMetric("training_seconds", "wall s", Better.LOWER);
  /** Training throughput: the mean of {@code images_per_second} over the run's logged intervals. */
  public static final SummaryMetric IMAGES_PER_SECOND = new SummaryMetric("images_per_second", "img/s", Better.HIGHER);

  /** Every built-in metric, in column order; held-out scores go between {@link #NLL} and the timings. */
  public static final List<SummaryMetric> KNOWN = List.of(
      FID, KID, INCEPTION_SCORE, PRECISION, RECALL, CLASS_KL, NLL, TRAINING_SECONDS, IMAGES_PER_SECOND);

  public SummaryMetric {
    requireNonNull(id, "id is null");
    requireNonNull(label, "label is null");
    requireNonNull(better, "better is null");
  }

  /** The built-in metric of that id. */
  public static Optional<SummaryMetric> known(String id) {
    return KNOWN.stream().filter(metric -> metric.id().equals(id)).findFirst();
  }

  /** Whether an id names a held-out score a model logs ({@code <split> <score>}, such as {@code mnist-test negative_elbo}). */
  public static boolean isHeldOut(String id) {
    return id.matches("\\S+ \\S+");
  }

  /**
   * The metric of an id: a built-in one, or a held-out score (lower is better: models log losses such as
   * the negative ELBO).
   */
  public static SummaryMetric of(String id) {
    return known(id).orElseGet(() -> new SummaryMetric(id, id, Better.LOWER));
  }
}
