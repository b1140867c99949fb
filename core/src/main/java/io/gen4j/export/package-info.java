/**
 * Getting images and models out of gen4j: PNG sample grids, NumPy {@code .npy} image arrays (read and
 * written), and, later, SavedModel export.
 */
package io.gen4j.export;
