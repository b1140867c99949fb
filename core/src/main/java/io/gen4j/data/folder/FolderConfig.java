package io.gen4j.data.folder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.DatasetConfig;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code "data": {"type": "folder", "path": ..., ...}}: a folder of images. Relative paths are resolved
 * against the working directory.
 *
 * @param path the folder, read recursively (required); hidden files and folders are skipped
 * @param height the height every image is brought to; 0 (default) keeps the images' own size, which
 *     must then be the same for all
 * @param width the width every image is brought to; 0 with {@code height} 0
 * @param channels 3 (default) for RGB, 1 for grey (ITU-R BT.601 luma)
 * @param labels whether each image's first-level subfolder is its class (default false)
 * @param background the colour transparent pixels are composited on, {@code #rrggbb}; default white
 * @param interpolation how images are resized: {@code bilinear} (default), {@code bicubic}, {@code
 *     nearest}
 * @param strict stop at the first file that cannot be decoded (default false: skip it, count it and
 *     list it in {@code skipped.txt} beside the cache)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FolderConfig(
    @NotNull @JsonPropertyDescription("The folder, read recursively; hidden files and folders are skipped.")
    String path,
    @Min(0) @Max(MAX_SIDE)
    @JsonPropertyDescription("The height every image is brought to; 0 keeps the images' own size, which must then"
        + " be the same for all.")
    int height,
    @Min(0) @Max(MAX_SIDE) @JsonPropertyDescription("The width every image is brought to; 0 with height 0.")
    int width,
    @Min(1) @Max(3) @JsonPropertyDescription("3 for RGB, 1 for grey (ITU-R BT.601 luma).")
    int channels,
    @JsonPropertyDescription("Whether each image's first-level subfolder is its class.")
    boolean labels,
    @Pattern(regexp = "#[0-9a-fA-F]{6}")
    @JsonPropertyDescription("The colour transparent pixels are composited on, #rrggbb.")
    String background,
    @JsonPropertyDescription("How images are resized: nearest, bilinear or bicubic.")
    Interpolation interpolation,
    @JsonPropertyDescription("Stop at the first file that cannot be decoded (false: skip it, count it and list it"
        + " in skipped.txt beside the cache).")
    boolean strict) implements DatasetConfig {

  /** Default of {@code background}. */
  public static final String DEFAULT_BACKGROUND = "#ffffff";

  /** The largest target side. */
  public static final int MAX_SIDE = 4096;

  /** The defaults. */
  public static final FolderConfig DEFAULT =
      new FolderConfig(null, 0, 0, 3, false, DEFAULT_BACKGROUND, Interpolation.BILINEAR, false);

  public FolderConfig {
    if (height < 0 || height > MAX_SIDE) {
      throw new InvalidConfigException("height", "must be 0 (the images' own size) to " + MAX_SIDE + ", got " + height);
    }
    if (width < 0 || width > MAX_SIDE) {
      throw new InvalidConfigException("width", "must be 0 (the images' own size) to " + MAX_SIDE + ", got " + width);
    }
    if ((height == 0) != (width == 0)) {
      throw new InvalidConfigException(height == 0 ? "height" : "width",
          "must be set with " + (height == 0 ? "width" : "height") + " (both 0 keep the images' own size)");
    }
    if (channels != 1 && channels != 3) {
      throw new InvalidConfigException("channels", "must be 1 (grey) or 3 (RGB), got " + channels);
    }
    if (background == null || !background.matches("#[0-9a-fA-F]{6}")) {
      throw new InvalidConfigException("background", "expected a colour #rrggbb, got '" + background + "'");
    }
    if (interpolation == null) {
      throw new InvalidConfigException("interpolation", "expected one of nearest, bilinear, bicubic");
    }
  }

  /** Whether images are resized to a target size. */
  boolean resizes() {
    return height > 0;
  }

  /** The background as 0xRRGGBB. */
  int backgroundRgb() {
    return Integer.parseInt(background.substring(1), 16);
  }
}
