/**
 * Getting images and models out of gen4j: {@link io.gen4j.export.ModelExporter} writes a run's
 * generator (or decoder) as a TensorFlow SavedModel that {@link io.gen4j.export.ExportedGenerator}
 * (or plain TensorFlow, in Java or Python) loads back; {@link io.gen4j.export.SampleFormat} writes
 * samples as a PNG grid, one PNG per image, or a NumPy {@code .npy} array ({@link
 * io.gen4j.export.NpyImages}, which also reads them back).
 */
package io.gen4j.export;
