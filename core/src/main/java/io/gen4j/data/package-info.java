/**
 * Image datasets and the batches a training loop consumes.
 *
 * <ul>
 *   <li>{@link io.gen4j.data.IdxReader} reads the IDX format of MNIST and its relatives, raw or
 *       gzip-compressed.
 *   <li>{@link io.gen4j.data.ImageDataset} holds images as unsigned bytes, with optional labels.
 *   <li>{@link io.gen4j.data.BundledMnist} loads the MNIST copy shipped in this jar, checksum
 *       verified.
 *   <li>{@link io.gen4j.data.BatchOrder} decides which images form batch number {@code k}: a pure
 *       function of the seed, so a resumed run sees the same batches as an uninterrupted one.
 *   <li>{@link io.gen4j.data.BatchPrefetcher} assembles scaled {@link io.gen4j.data.Batch}es on a
 *       background thread while the model trains.
 * </ul>
 *
 * <p>Everything here is plain Java arrays; turning a batch into a tensor happens elsewhere.
 * Problems with the data itself (a corrupt file, a checksum mismatch, a producer failure) are
 * reported as {@link io.gen4j.data.DatasetException}, with a one-line message naming the file.
 */
package io.gen4j.data;
