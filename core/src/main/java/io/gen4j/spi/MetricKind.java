package io.gen4j.spi;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a logged metric measures, which decides where the metrics plot, the run report and TensorBoard
 * put it. A model declares the kind of each metric it logs ({@link Objective#withMetric}); core declares
 * its own ({@code <network>_grad_norm} is {@link #OTHER}, an objective's default {@code <name>_loss} is
 * a {@link #LOSS}). Stored by these JSON names in the run's {@code metric-kinds.json}.
 */
public enum MetricKind {

  /** A quantity a network minimizes or that reads like one: lower is better, any scale. */
  @JsonProperty("loss")
  LOSS("losses"),

  /** A score that stays in [0, 1], such as a discriminator's mean output probability. */
  @JsonProperty("score")
  UNIT_SCORE("scores in [0, 1]"),

  /** Anything else: raw critic outputs, distance estimates, penalties, gradient norms. */
  @JsonProperty("other")
  OTHER("other metrics");

  private final String title;

  MetricKind(String title) {
    this.title = title;
  }

  /** A heading for a group of metrics of this kind, e.g. "scores in [0, 1]". */
  public String title() {
    return title;
  }

  /** The JSON name: {@code loss}, {@code score} or {@code other}; also the TensorBoard tag prefix. */
  public String id() {
    return switch (this) {
      case LOSS -> "loss";
      case UNIT_SCORE -> "score";
      case OTHER -> "other";
    };
  }
}
