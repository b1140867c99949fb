/**
 * The {@code idx} dataset type: a user's own IDX image file (the format of MNIST and its relatives),
 * raw or gzip-compressed, with an optional label file and test split, read as a stream into the
 * dataset cache ({@link io.gen4j.data.idx.IdxStreams}), so files of any size work.
 */
package io.gen4j.data.idx;
