/**
 * Named datasets downloaded on first use: {@code fashion-mnist}, {@code kmnist}, {@code emnist} (the
 * balanced split) and {@code cifar10}, each with its official URLs and SHA-256 checksums in code. Files
 * go to {@code $GEN4J_HOME/datasets/NAME/}; a transfer is resumed with HTTP Range requests, verified,
 * and renamed into place only when its checksum matches, so a cut or corrupt transfer never leaves a
 * file where a good one is expected. A mirror ({@code GEN4J_MIRROR} or {@code data.mirror}) serves
 * {@code BASE/NAME/FILE}; {@code DatasetImport} takes files obtained elsewhere.
 */
package io.gen4j.data.download;
