package io.gen4j.data.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.data.Mutations;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged PNG, GIF, JPEG and BMP files are either decoded or refused as undecodable (and then skipped
 * or, with {@code strict}, reported as a dataset error); nothing else escapes the decoder.
 */
class ImageDecoderMutationTest {

  private static final int MUTANTS = 60;

  @TempDir Path directory;

  @Test
  void damagedImagesAreDecodedOrRefusedAsUndecodable() throws IOException {
    BufferedImage image = TestImages.filled(12, 10, BufferedImage.TYPE_INT_RGB, new Color(200, 100, 50));
    image.setRGB(3, 4, 0x123456);
    ImageDecoder decoder = new ImageDecoder(
        new FolderConfig("unused", 8, 8, 3, false, "#ffffff", Interpolation.BILINEAR, false));
    int decoded = 0;
    int refused = 0;
    long seed = 1;
    for (String format : new String[] {"png", "gif", "jpeg", "bmp"}) {
      byte[] valid = Files.readAllBytes(TestImages.write(image, format, directory.resolve("valid." + format)));
      Path file = directory.resolve("mutant." + format);
      for (byte[] mutant : Mutations.of(valid, MUTANTS, seed++)) {
        Files.write(file, mutant);
        try {
          ImageDecoder.Decoded result = decoder.decode(file);
          assertThat(result.pixels()).hasSize(8 * 8 * 3);
          decoded++;
        } catch (ImageDecoder.UndecodableImage e) {
          assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
          refused++;
        }
      }
    }
    assertThat(decoded).isPositive();
    assertThat(refused).isPositive();
  }
}
