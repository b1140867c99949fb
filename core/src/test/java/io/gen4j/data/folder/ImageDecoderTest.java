package io.gen4j.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

  @TempDir Path directory;

  private static ImageDecoder decoder(int height, int width) {
    return new ImageDecoder(new FolderConfig("unused", height, width, 3, false, FolderConfig.DEFAULT_BACKGROUND,
        Interpolation.BILINEAR, false));
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @Test
  void readsOnlyTheCentreOfALargeImageAtAReducedResolution() throws Exception {
    BufferedImage photo = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = photo.createGraphics();
    graphics.setColor(Color.RED);
    graphics.fillRect(0, 0, 500, 3000);
    graphics.setColor(new Color(20, 200, 60));
    graphics.fillRect(500, 0, 3000, 3000);
    graphics.setColor(Color.BLUE);
    graphics.fillRect(3500, 0, 500, 3000);
    graphics.dispose();
    Path file = TestImages.write(photo, "png", directory.resolve("photo.png"));
    ImageDecoder decoder = decoder(32, 32);
    decoder.decode(file); // ImageIO's first use loads its plugins

    long before = allocatedBytes();
    ImageDecoder.Decoded decoded = decoder.decode(file);
    long allocated = allocatedBytes() - before;

    assertThat(decoded.sourceWidth()).isEqualTo(4000);
    assertThat(decoded.sourceHeight()).isEqualTo(3000);
    assertThat(decoded.pixels()).hasSize(32 * 32 * 3);
    for (int pixel = 0; pixel < 32 * 32; pixel++) {
      assertThat(new int[] {
            Byte.toUnsignedInt(decoded.pixels()[3 * pixel]),
            Byte.toUnsignedInt(decoded.pixels()[3 * pixel + 1]),
            Byte.toUnsignedInt(decoded.pixels()[3 * pixel + 2])})
          .as("pixel %d: the centre crop leaves out the red and blue sides", pixel)
          .containsExactly(20, 200, 60);
    }
    // The whole image as RGB integers alone would take 48,000,000 bytes.
    assertThat(allocated).as("bytes allocated to decode a 4000x3000 PNG to 32x32").isLessThan(8_000_000);
  }

  @Test
  void refusesSidesBeyondTheLimitBeforeDecoding() throws IOException {
    Path file = TestImages.write(TestImages.filled(2, 2, BufferedImage.TYPE_INT_RGB, Color.GRAY), "png",
        directory.resolve("wide.png"));
    byte[] png = Files.readAllBytes(file);
    // IHDR: length (4), "IHDR" (4), width (4) at offset 16, height, ..., CRC over type and data.
    ByteBuffer.wrap(png).putInt(16, 70_000);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
    Files.write(file, png);

    assertThatThrownBy(() -> decoder(8, 8).decode(file))
        .isInstanceOf(ImageDecoder.UndecodableImage.class)
        .hasMessage("claims 70000x2 pixels; sides of 1 to 65535 are read");
  }

  @Test
  void refusesALargeImageKeptAtItsOwnSize() throws IOException {
    Path file = TestImages.write(TestImages.filled(4097, 4096, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "png",
        directory.resolve("large.png"));

    assertThatThrownBy(() -> decoder(0, 0).decode(file))
        .isInstanceOf(ImageDecoder.UndecodableImage.class)
        .hasMessage("claims 4097x4096 pixels; at most 16777216 are read at an image's own size"
            + " (set data.height and data.width to resize)");
  }
}
