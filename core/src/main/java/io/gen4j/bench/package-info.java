/**
 * {@code gen4j bench}: how fast each model type trains on this machine.
 *
 * <p>{@link io.gen4j.bench.Benchmark} builds each model type with its default config, runs warm-up
 * iterations, then times iterations of the model's own trainer (whatever trainer plugin it names) at
 * each batch size, in two {@linkplain io.gen4j.bench.BenchMode modes}: with the real data pipeline
 * training uses, and with synthetic images drawn inside the graph, so that the data pipeline's cost
 * shows as the difference. Results are records ({@link io.gen4j.bench.BenchReport}) that {@link
 * io.gen4j.bench.BenchJson} writes and reads and {@link io.gen4j.bench.BenchTable} prints.
 */
package io.gen4j.bench;
