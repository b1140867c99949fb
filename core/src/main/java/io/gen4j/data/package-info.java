/**
 * Image datasets and the batches a training loop consumes.
 *
 * <ul>
 *   <li>{@link io.gen4j.data.ImageDataset} holds images as unsigned bytes (in an array, or a
 *       memory-mapped cache file of any size), with optional labels, class names and a content
 *       checksum; views select images without copying them.
 *   <li>{@link io.gen4j.data.DatasetCatalog} opens the dataset a config's {@code data} section names,
 *       through the discovered {@link io.gen4j.spi.DatasetProvider}s, and holds out a test split
 *       ({@link io.gen4j.data.HoldOutSplit}) for a dataset without one: a {@link
 *       io.gen4j.data.LoadedDataset}.
 *   <li>{@link io.gen4j.data.MnistProvider} and {@link io.gen4j.data.BundledMnist}: the MNIST copy shipped
 *       in this jar, checksum verified. Subpackages hold the other types: {@code download} (named datasets
 *       fetched and verified), {@code idx}, {@code npy} and {@code folder} (the user's files), and {@code
 *       cache} (the decode-once dataset cache they all read through).
 *   <li>{@link io.gen4j.data.IdxReader} reads the IDX format of MNIST and its relatives into memory.
 *   <li>{@link io.gen4j.data.BatchOrder} decides which images form batch number {@code k}: a pure
 *       function of the seed, so a resumed run sees the same batches as an uninterrupted one.
 *   <li>{@link io.gen4j.data.BatchPrefetcher} assembles scaled {@link io.gen4j.data.Batch}es on a
 *       background thread while the model trains; pixels become floats only there, batch by batch.
 *   <li>{@link io.gen4j.data.Gen4jDirectories}: where downloads ({@code GEN4J_HOME}) and caches ({@code
 *       GEN4J_CACHE}) live.
 * </ul>
 *
 * <p>Problems with the data itself (a missing or corrupt file, a checksum mismatch, no network, a
 * producer failure) are reported as {@link io.gen4j.data.DatasetException}, with a one-line message
 * naming the file and what was expected.
 */
package io.gen4j.data;
