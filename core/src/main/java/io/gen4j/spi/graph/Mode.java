package io.gen4j.spi.graph;

/** Whether a network is built for training or for sampling. */
public enum Mode {
  /** Batch norm normalizes with the batch's statistics and updates its moving averages; dropout drops. */
  TRAINING,
  /** Batch norm uses its moving averages; dropout passes everything through. Deterministic. */
  INFERENCE
}
