package io.gen4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class SampleAnimationTest {

  @Test
  void framesLoopForeverWithTheirDelays() throws Exception {
    List<BufferedImage> frames = new ArrayList<>();
    for (int shade : new int[] {0, 128, 255}) {
      BufferedImage frame = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 12; x++) {
          frame.setRGB(x, y, (shade << 16) | (shade << 8) | shade);
        }
      }
      frames.add(frame);
    }

    byte[] gif = SampleAnimation.gif(frames);

    assertThat(new String(gif, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
    assertThat(new String(gif, StandardCharsets.ISO_8859_1)).contains("NETSCAPE2.0");
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
      reader.setInput(input);
      assertThat(reader.getNumImages(true)).isEqualTo(3);
      List<String> delays = new ArrayList<>();
      for (int index = 0; index < 3; index++) {
        assertThat(reader.read(index).getRGB(5, 5) & 0xff).isEqualTo(new int[] {0, 128, 255}[index]);
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(index).getAsTree("javax_imageio_gif_image_1.0");
        IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
        delays.add(control.getAttribute("delayTime"));
      }
      assertThat(delays).containsExactly("50", "50", "200");
      IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode loop = (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
      assertThat(loop.getAttribute("applicationID")).isEqualTo("NETSCAPE");
      assertThat((byte[]) loop.getUserObject()).containsExactly(1, 0, 0);
    } finally {
      reader.dispose();
    }
  }

  @Test
  void longRunsKeepEvenlySpacedFramesWithTheFirstAndLast() {
    assertThat(SampleAnimation.pick(3)).containsExactly(0, 1, 2);
    List<Integer> picked = SampleAnimation.pick(1000);
    assertThat(picked).hasSize(SampleAnimation.MAX_FRAMES).startsWith(0).endsWith(999).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void noFrameIsAnError() {
    assertThatThrownBy(() -> SampleAnimation.gif(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an animation needs at least one frame");
  }

  @Test
  void labelledFramesCarryTheirCaptionAboveTheUnchangedGrid() {
    BufferedImage grid = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 60; y++) {
      for (int x = 0; x < 120; x++) {
        grid.setRGB(x, y, 0x808080);
      }
    }
    BufferedImage labelled = SampleAnimation.labelled(grid, "step 1000");

    assertThat(labelled.getWidth()).isEqualTo(120);
    assertThat(labelled.getHeight()).isEqualTo(60 + SampleAnimation.CAPTION_HEIGHT);
    int dark = 0;
    for (int y = 0; y < SampleAnimation.CAPTION_HEIGHT; y++) {
      for (int x = 0; x < 120; x++) {
        int rgb = labelled.getRGB(x, y) & 0xffffff;
        // grey levels only, so grey animations keep their grey palette
        assertThat((rgb >> 16) & 0xff).isEqualTo(rgb & 0xff);
        dark += (rgb & 0xff) < 100 ? 1 : 0;
      }
    }
    assertThat(dark).as("pixels of the caption's text").isGreaterThan(30);
    for (int y = SampleAnimation.CAPTION_HEIGHT; y < labelled.getHeight(); y++) {
      for (int x = 0; x < 120; x++) {
        assertThat(labelled.getRGB(x, y) & 0xffffff).isEqualTo(0x808080);
      }
    }
  }
}
