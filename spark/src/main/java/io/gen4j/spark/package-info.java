/**
 * gen4j sweeps on Apache Spark: {@link io.gen4j.spark.SparkSweep} is the driver ({@code spark-submit
 * gen4j-spark.jar SWEEP.json --runs RUNS}); each run of the sweep is one Spark task ({@link
 * io.gen4j.spark.RunTask}) that runs the run in a child JVM on its executor, so Spark's retries resume a
 * failed run from its latest checkpoint. {@code RUNS} is a path shared by every node, or a Hadoop
 * filesystem URI, whose run directories {@link io.gen4j.spark.RunDirectorySync} keeps in step with the
 * local directories the runs train in. Planning, run directories and summaries are core's {@code
 * io.gen4j.sweep}, as for a local sweep.
 */
package io.gen4j.spark;
