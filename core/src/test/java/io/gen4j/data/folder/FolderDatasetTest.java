package io.gen4j.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.data.DatasetException;
import io.gen4j.data.TestContexts;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {

  @TempDir Path directory;

  private Path folder() {
    return directory.resolve("images");
  }

  private DatasetContext context() {
    return TestContexts.in(directory);
  }

  private static FolderConfig config(Path path, int size, int channels, boolean labels) {
    return new FolderConfig(path.toString(), size, size, channels, labels, FolderConfig.DEFAULT_BACKGROUND,
        Interpolation.BILINEAR, false);
  }

  private DatasetSplits open(FolderConfig config) {
    return new FolderDatasetProvider(2).open(config, context());
  }

  private static int[] unsigned(byte[] bytes) {
    int[] values = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      values[i] = Byte.toUnsignedInt(bytes[i]);
    }
    return values;
  }

  @Test
  void readsEveryKindOfImageIntoRgb() {
    Path root = folder();
    TestImages.write(TestImages.grey(4, 4, 100), "png", root.resolve("a-grey.png"));
    TestImages.write(TestImages.filled(4, 4, BufferedImage.TYPE_INT_RGB, new Color(10, 200, 30)), "png",
        root.resolve("b-rgb.png"));
    TestImages.write(TestImages.filled(4, 4, BufferedImage.TYPE_INT_ARGB, new Color(255, 0, 0, 128)), "png",
        root.resolve("c-rgba.png"));
    TestImages.write(TestImages.grey16(4, 4, 0x8080), "png", root.resolve("d-grey16.png"));
    TestImages.write(TestImages.palette(4, 4, 3), "gif", root.resolve("e-palette.gif"));
    TestImages.progressiveJpeg(TestImages.filled(16, 16, BufferedImage.TYPE_INT_RGB, new Color(40, 90, 160)),
        root.resolve("f-progressive.jpg"));
    TestImages.write(TestImages.filled(4, 4, BufferedImage.TYPE_3BYTE_BGR, new Color(7, 8, 9)), "bmp",
        root.resolve("g-bitmap.BMP"));
    TestImages.cmykJpeg(16, 16, new int[] {0, 255, 255, 0}, root.resolve("h-cmyk.jpeg"));

    DatasetSplits splits = open(config(root, 4, 3, false));

    assertThat(splits.name()).isEqualTo("folder-images");
    assertThat(splits.train().count()).isEqualTo(8);
    assertThat(splits.train().shape()).isEqualTo(new ImageShape(4, 4, 3));
    assertThat(unsigned(splits.train().image(0))).startsWith(100, 100, 100);
    assertThat(unsigned(splits.train().image(1))).startsWith(10, 200, 30);
    assertThat(unsigned(splits.train().image(2))[0]).isEqualTo(255);
    assertThat(unsigned(splits.train().image(2))[1]).isCloseTo(127, within(1));
    assertThat(unsigned(splits.train().image(3))).startsWith(128, 128, 128);
    assertThat(unsigned(splits.train().image(4))).startsWith(0, 0, 255);
    int[] jpeg = unsigned(splits.train().image(5));
    assertThat(jpeg[0]).isCloseTo(40, within(4));
    assertThat(jpeg[1]).isCloseTo(90, within(4));
    assertThat(jpeg[2]).isCloseTo(160, within(4));
    assertThat(unsigned(splits.train().image(6))).startsWith(7, 8, 9);
    int[] cmyk = unsigned(splits.train().image(7));
    assertThat(cmyk[0]).as("red of magenta + yellow ink").isGreaterThan(200);
    assertThat(cmyk[1]).as("green of magenta + yellow ink").isLessThan(60);
    assertThat(cmyk[2]).as("blue of magenta + yellow ink").isLessThan(60);
    assertThat(splits.test()).isEmpty();
  }

  @Test
  void labelsImagesByFirstLevelSubfolderAndCanMakeThemGrey() {
    Path root = folder();
    TestImages.write(TestImages.filled(2, 2, BufferedImage.TYPE_INT_RGB, Color.WHITE), "png", root.resolve("dogs/x.png"));
    TestImages.write(TestImages.filled(2, 2, BufferedImage.TYPE_INT_RGB, new Color(255, 0, 0)), "png",
        root.resolve("cats/deep/nested/y.png"));
    TestImages.write(TestImages.grey(2, 2, 50), "png", root.resolve("cats/z.png"));
    TestImages.write(TestImages.grey(2, 2, 50), "png", root.resolve(".hidden/ignored.png"));
    TestImages.write(TestImages.grey(2, 2, 50), "png", root.resolve("cats/.also-ignored.png"));

    DatasetSplits splits = open(config(root, 0, 1, true));

    assertThat(splits.train().classNames()).containsExactly("cats", "dogs");
    assertThat(splits.train().count()).isEqualTo(3);
    assertThat(splits.train().labels()).containsExactly(0, 0, 1);
    assertThat(splits.train().shape()).isEqualTo(new ImageShape(2, 2, 1));
    assertThat(unsigned(splits.train().image(0))).containsOnly(76);
    assertThat(unsigned(splits.train().image(1))).containsOnly(50);
    assertThat(unsigned(splits.train().image(2))).containsOnly(255);
  }

  @Test
  void resizesTheShorterSideAndCropsTheCentre() {
    Path root = folder();
    BufferedImage stripes = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
    int[] colours = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff};
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 2; y++) {
        stripes.setRGB(x, y, colours[x]);
      }
    }
    TestImages.write(stripes, "png", root.resolve("stripes.png"));
    TestImages.write(TestImages.filled(64, 48, BufferedImage.TYPE_INT_RGB, new Color(12, 34, 56)), "png",
        root.resolve("big.png"));

    DatasetSplits splits = open(new FolderConfig(root.toString(), 2, 2, 3, false, "#000000", Interpolation.NEAREST, false));

    assertThat(unsigned(splits.train().image(1))).containsExactly(0, 255, 0, 0, 0, 255, 0, 255, 0, 0, 0, 255);
    assertThat(unsigned(splits.train().image(0))).containsExactly(12, 34, 56, 12, 34, 56, 12, 34, 56, 12, 34, 56);
    DatasetSplits smooth = new FolderDatasetProvider(1).open(
        new FolderConfig(root.toString(), 2, 2, 3, false, "#000000", Interpolation.BICUBIC, false), context());
    assertThat(unsigned(smooth.train().image(0))).containsExactly(12, 34, 56, 12, 34, 56, 12, 34, 56, 12, 34, 56);
  }

  @Test
  void skipsAndListsCorruptFilesUnlessStrict() throws IOException {
    Path root = folder();
    TestImages.write(TestImages.grey(2, 2, 9), "png", root.resolve("good.png"));
    Files.write(root.resolve("noise.jpg"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    byte[] png = Files.readAllBytes(TestImages.write(TestImages.grey(8, 8, 9), "png", directory.resolve("whole.png")));
    Files.write(root.resolve("truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));

    DatasetSplits splits = open(config(root, 0, 3, false));

    assertThat(splits.train().count()).isEqualTo(1);
    Path skipped;
    try (Stream<Path> entries = Files.list(context().cache())) {
      skipped = entries.filter(Files::isDirectory).findFirst().orElseThrow().resolve(FolderDatasetProvider.SKIPPED_FILE);
    }
    assertThat(Files.readAllLines(skipped)).hasSize(2)
        .anySatisfy(line -> assertThat(line).startsWith("noise.jpg: not an image of a supported format"))
        .anySatisfy(line -> assertThat(line).startsWith("truncated.png: "));

    FolderConfig strict = new FolderConfig(root.toString(), 0, 0, 3, false, "#ffffff", Interpolation.BILINEAR, true);
    assertThatThrownBy(() -> open(strict))
        .isInstanceOf(DatasetException.class)
        .hasMessage(root.toAbsolutePath() + "/noise.jpg: cannot be decoded: not an image of a supported format (PNG,"
            + " JPEG, BMP, GIF) (data.strict is set; remove or fix the file, or unset strict to skip such files)");
  }

  @Test
  void reusesTheCacheAndRebuildsItWhenAFileChanges() throws IOException {
    Path root = folder();
    Path first = TestImages.write(TestImages.grey(2, 2, 10), "png", root.resolve("1.png"));
    TestImages.write(TestImages.grey(2, 2, 20), "png", root.resolve("2.png"));
    FolderConfig config = config(root, 0, 1, false);

    DatasetSplits built = open(config);
    List<Path> entries = entries();
    Files.writeString(entries.get(0).resolve("marker"), "still here");
    DatasetSplits reused = open(config);

    assertThat(entries()).isEqualTo(entries);
    assertThat(entries.get(0).resolve("marker")).exists();
    assertThat(reused.train()).isEqualTo(built.train());

    TestImages.write(TestImages.grey(2, 2, 30), "png", first);
    Files.setLastModifiedTime(first, FileTime.fromMillis(Files.getLastModifiedTime(first).toMillis() + 5000));
    DatasetSplits rebuilt = open(config);

    assertThat(unsigned(rebuilt.train().image(0))).containsOnly(30);
    assertThat(entries()).hasSize(1).doesNotContain(entries.get(0));
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> list = Files.list(context().cache())) {
      return list.filter(Files::isDirectory).sorted().toList();
    }
  }

  @Test
  void explainsMixedSizesEmptyFoldersAndMissingPaths() throws IOException {
    Path root = folder();
    TestImages.write(TestImages.grey(3, 3, 1), "png", root.resolve("a.png"));
    TestImages.write(TestImages.grey(4, 3, 1), "png", root.resolve("b.png"));
    Path empty = Files.createDirectories(directory.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "no images here");
    Path missing = directory.resolve("missing");

    assertThatThrownBy(() -> open(config(root, 0, 3, false)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(root.toAbsolutePath().resolve("b.png") + ": 4x3 but " + root.toAbsolutePath().resolve("a.png")
            + " is 3x3; set data.height and data.width to bring every image to one size");
    assertThatThrownBy(() -> open(config(empty, 0, 3, false)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(empty.toAbsolutePath() + ": no images (.png, .jpg, .jpeg, .bmp, .gif) in this folder or its subfolders");
    assertThatThrownBy(() -> open(config(missing, 0, 3, false)))
        .isInstanceOf(DatasetException.class)
        .hasMessage("data.path: " + missing.toAbsolutePath() + ": no such folder");
    assertThatThrownBy(() -> open(config(root, 0, 3, true)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(root.toAbsolutePath().resolve("a.png") + ": with data.labels every image must be in a subfolder of "
            + root.toAbsolutePath() + " named after its class");
  }

  @Test
  void validatesItsConfig() {
    assertThatThrownBy(() -> new FolderConfig("x", 64, 0, 3, false, "#ffffff", Interpolation.BILINEAR, false))
        .hasMessage("width: must be set with height (both 0 keep the images' own size)");
    assertThatThrownBy(() -> new FolderConfig("x", 0, 0, 4, false, "#ffffff", Interpolation.BILINEAR, false))
        .hasMessage("channels: must be 1 (grey) or 3 (RGB), got 4");
    assertThatThrownBy(() -> new FolderConfig("x", 0, 0, 3, false, "white", Interpolation.BILINEAR, false))
        .hasMessage("background: expected a colour #rrggbb, got 'white'");
  }
}
