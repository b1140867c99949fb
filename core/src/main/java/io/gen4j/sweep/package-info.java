/**
 * Sweeps: one experiment config varied over axes (a grid, or random draws from ranges) and seeds, each
 * combination and seed one run. {@link io.gen4j.sweep.SweepDefinition} reads a sweep file, {@link
 * io.gen4j.sweep.SweepPlanner} expands and validates it before anything runs, {@link
 * io.gen4j.sweep.SweepDirectory} lays out {@code <runs>/<sweep>/}, {@link io.gen4j.sweep.LocalSweepExecutor}
 * runs the runs side by side in child JVMs ({@link io.gen4j.sweep.RunProcess}, each running a {@link
 * io.gen4j.sweep.RunWorker}), and {@link io.gen4j.sweep.SweepSummary} with {@link
 * io.gen4j.sweep.SummaryWriter} compare the combinations over their seeds. The Spark module reuses all of
 * it, with Spark tasks in place of the local executor.
 */
package io.gen4j.sweep;
