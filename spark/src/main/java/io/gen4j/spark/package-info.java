/**
 * gen4j sweeps on Apache Spark: {@link io.gen4j.spark.SparkSweep} is the driver ({@code spark-submit
 * gen4j-spark.jar SWEEP.json --runs SHARED_DIR}); each run of the sweep is one Spark task ({@link
 * io.gen4j.spark.RunTask}) that runs the run in a child JVM on its executor, so Spark's retries resume a
 * failed run from its latest checkpoint. Planning, run directories and summaries are core's {@code
 * io.gen4j.sweep}, as for a local sweep.
 */
package io.gen4j.spark;
