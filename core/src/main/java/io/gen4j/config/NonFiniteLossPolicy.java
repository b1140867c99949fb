package io.gen4j.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What training does when a loss or metric becomes NaN or infinite ({@code training.onNonFiniteLoss}). */
public enum NonFiniteLossPolicy {

  /** Stop with a message naming the step and the series, keeping the last good checkpoint (exit status 1). */
  @JsonProperty("stop")
  STOP,

  /**
   * Go back to the last checkpoint and continue with every learning rate halved, at most {@link
   * #MAX_ROLLBACKS} times in a run; then stop.
   */
  @JsonProperty("rollback")
  ROLLBACK;

  /** Rollbacks allowed before a run stops anyway. */
  public static final int MAX_ROLLBACKS = 3;
}
