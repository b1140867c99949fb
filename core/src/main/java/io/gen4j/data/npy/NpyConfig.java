package io.gen4j.data.npy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.data.files.ImageFileSet;
import io.gen4j.spi.DatasetConfig;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code "data": {"type": "npy", "images": ..., "labels": ..., "testImages": ..., "testLabels": ...}}: NumPy
 * arrays. Relative paths are resolved against the working directory.
 *
 * @param images the image array, (N, H, W) or (N, H, W, C), uint8 or float in [0, 1] (required)
 * @param labels a labels array (N,) of integers 0 to 255, or {@code null} for unlabelled images
 * @param testImages an image array of test images, or {@code null} to hold out {@code data.testFraction}
 * @param testLabels the test images' labels; required when there are both labels and test images
 * @param classNames names of the labels 0, 1, ..., or empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NpyConfig(
    @NotNull @JsonPropertyDescription("The .npy file of the train images.")
    String images,
    @JsonPropertyDescription("The .npy file of their labels; null for unlabelled images.")
    String labels,
    @JsonPropertyDescription("The .npy file of test images; null to hold out data.testFraction of the images.")
    String testImages,
    @JsonPropertyDescription("The .npy file of the test images' labels; required with labels and test images.")
    String testLabels,
    @JsonPropertyDescription("Names of the labels 0, 1, ...; empty for none.")
    List<String> classNames) implements DatasetConfig {

  /** The defaults: nothing named yet. */
  public static final NpyConfig DEFAULT = new NpyConfig(null, null, null, null, List.of());

  public NpyConfig {
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    ImageFileSet.requireConsistentLabels(labels, testImages, testLabels);
  }
}
