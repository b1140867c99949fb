/**
 * Decode once, read many: a dataset read from its source files (IDX, CIFAR archives, NumPy arrays, image
 * folders) is written once into a cache entry of unsigned-byte files, which later runs map into memory
 * ({@link io.gen4j.data.cache.PreparedCache}). Entries are keyed by their source and settings, written
 * beside their place and renamed into it, and rebuilt when they are stale or damaged.
 */
package io.gen4j.data.cache;
