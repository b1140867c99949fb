package io.gen4j.data.idx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.data.files.ImageFileSet;
import io.gen4j.spi.DatasetConfig;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code "data": {"type": "idx", "images": ..., "labels": ..., "testImages": ..., "testLabels": ...}}: a
 * user's own IDX files, raw or gzip. Relative paths are resolved against the working directory.
 *
 * @param images the IDX image file (required)
 * @param labels its IDX label file, or {@code null} for unlabelled images
 * @param testImages an IDX image file of test images, or {@code null} to hold out {@code
 *     data.testFraction} of {@code images}
 * @param testLabels the test images' label file; required when there are both labels and test images
 * @param classNames names of the labels 0, 1, ..., or empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdxConfig(
    @NotNull @JsonPropertyDescription("The IDX file of the train images.")
    String images,
    @JsonPropertyDescription("The IDX file of their labels; null for unlabelled images.")
    String labels,
    @JsonPropertyDescription("The IDX file of test images; null to hold out data.testFraction of the images.")
    String testImages,
    @JsonPropertyDescription("The IDX file of the test images' labels; required with labels and test images.")
    String testLabels,
    @JsonPropertyDescription("Names of the labels 0, 1, ...; empty for none.")
    List<String> classNames) implements DatasetConfig {

  /** The defaults: nothing named yet. */
  public static final IdxConfig DEFAULT = new IdxConfig(null, null, null, null, List.of());

  public IdxConfig {
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    ImageFileSet.requireConsistentLabels(labels, testImages, testLabels);
  }
}
