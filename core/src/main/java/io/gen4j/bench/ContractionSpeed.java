package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import io.gen4j.graph.Contraction;

/**
 * How fast one contraction runs alone on this machine.
 *
 * @param contraction what was timed
 * @param chains independent chains of ops that ran side by side
 * @param repeats ops per chain and timed run
 * @param millisPerOp median wall milliseconds per op: a run's time over all its ops, so the machine's
 *     throughput with every chain running
 * @param gflopsPerSecond billions of floating-point operations per second at that throughput
 */
public record ContractionSpeed(
    Contraction contraction, int chains, int repeats, double millisPerOp, double gflopsPerSecond) {

  public ContractionSpeed {
    requireNonNull(contraction, "contraction is null");
  }
}
