/**
 * The generic training loop and what surrounds it: assembling a model's graph with per-network
 * updates ({@link io.gen4j.train.ModelAssembly}), running objectives with data and in-graph noise,
 * atomic checkpoints ({@link io.gen4j.train.Checkpointer}), the run directory, sampling, and the
 * built-in listeners. Models supply the step (their objectives and trainer); the loop is shared.
 */
package io.gen4j.train;
