/**
 * The {@code npy} dataset type: images in a NumPy {@code .npy} array of shape (N, H, W) or (N, H, W, C),
 * unsigned bytes or floats in [0, 1], with an optional labels array, converted image by image into the
 * dataset cache.
 */
package io.gen4j.data.npy;
