package io.gen4j.report;

import static java.util.Objects.requireNonNull;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF of sample grids across training, looping forever, written with the JDK's GIF
 * writer (the {@code NETSCAPE2.0} application extension makes it loop).
 */
public final class SampleAnimation {

  /** At most this many frames, picked evenly across training (the first and last always). */
  public static final int MAX_FRAMES = 100;

  /** How long each frame shows. */
  public static final Duration FRAME_TIME = Duration.ofMillis(500);

  /** How long the last frame shows before the animation starts again. */
  public static final Duration LAST_FRAME_TIME = Duration.ofSeconds(2);

  private static final String GIF_METADATA = "javax_imageio_gif_image_1.0";

  private SampleAnimation() {}

  /**
   * Indices of the frames to keep out of {@code count}: all of them up to {@link #MAX_FRAMES},
   * otherwise {@code MAX_FRAMES} evenly spaced ones, the first and the last included.
   */
  public static List<Integer> pick(int count) {
    List<Integer> picked = new ArrayList<>();
    if (count <= MAX_FRAMES) {
      for (int index = 0; index < count; index++) {
        picked.add(index);
      }
      return picked;
    }
    for (int frame = 0; frame < MAX_FRAMES; frame++) {
      picked.add((int) Math.round(frame * (count - 1) / (double) (MAX_FRAMES - 1)));
    }
    return picked;
  }

  /** Height of the caption band {@link #labelled} adds above a frame, in pixels. */
  public static final int CAPTION_HEIGHT = 18;

  /**
   * The frame with a white band above it that says {@code caption} in black, such as {@code step 500}:
   * grey frames stay grey.
   */
  public static BufferedImage labelled(BufferedImage frame, String caption) {
    requireNonNull(frame, "frame is null");
    requireNonNull(caption, "caption is null");
    BufferedImage labelled = new BufferedImage(
        frame.getWidth(), frame.getHeight() + CAPTION_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = labelled.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, labelled.getWidth(), CAPTION_HEIGHT);
      graphics.drawImage(frame, 0, CAPTION_HEIGHT, null);
      graphics.setColor(Color.BLACK);
      graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      graphics.drawString(caption, 4, CAPTION_HEIGHT - 5);
    } finally {
      graphics.dispose();
    }
    return labelled;
  }

  /**
   * Encodes the frames, in order, as a looping GIF.
   *
   * @throws IllegalArgumentException if there is no frame
   */
  public static byte[] gif(List<BufferedImage> frames) {
    requireNonNull(frames, "frames is null");
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("an animation needs at least one frame");
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no GIF writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(output);
      writer.prepareWriteSequence(null);
      for (int index = 0; index < frames.size(); index++) {
        BufferedImage frame = greyIndexed(frames.get(index));
        Duration time = index == frames.size() - 1 ? LAST_FRAME_TIME : FRAME_TIME;
        writer.writeToSequence(new IIOImage(frame, null, metadata(writer, frame, time, index == 0)), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the sample animation: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * A grey frame (single-channel samples) as an image on a 256-level grey palette, which the GIF
   * writer takes as it is; a colour frame unchanged, for the writer to build a palette of its own.
   */
  private static BufferedImage greyIndexed(BufferedImage frame) {
    int width = frame.getWidth();
    int height = frame.getHeight();
    int[] rgb = frame.getRGB(0, 0, width, height, null, 0, width);
    byte[] levels = new byte[rgb.length];
    for (int index = 0; index < rgb.length; index++) {
      int red = (rgb[index] >> 16) & 0xff;
      int green = (rgb[index] >> 8) & 0xff;
      int blue = rgb[index] & 0xff;
      if (red != green || green != blue) {
        return frame;
      }
      levels[index] = (byte) red;
    }
    byte[] ramp = new byte[256];
    for (int level = 0; level < 256; level++) {
      ramp[level] = (byte) level;
    }
    BufferedImage grey =
        new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, ramp, ramp, ramp));
    grey.getRaster().setDataElements(0, 0, width, height, levels);
    return grey;
  }

  private static IIOMetadata metadata(ImageWriter writer, BufferedImage frame, Duration time, boolean first)
      throws IOException {
    ImageWriteParam param = writer.getDefaultWriteParam();
    // the specifier of the frame itself, so its own palette is used (the one made from a BufferedImage
    // type would carry that type's default palette)
    IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), param);
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_METADATA);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Long.toString(time.toMillis() / 10));
    control.setAttribute("transparentColorIndex", "0");
    if (first) {
      IIOMetadataNode application = new IIOMetadataNode("ApplicationExtension");
      application.setAttribute("applicationID", "NETSCAPE");
      application.setAttribute("authenticationCode", "2.0");
      // sub-block 1, then the loop count as a little-endian uint16: 0 loops forever
      application.setUserObject(new byte[] {1, 0, 0});
      child(root, "ApplicationExtensions").appendChild(application);
    }
    metadata.setFromTree(GIF_METADATA, root);
    return metadata;
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int index = 0; index < root.getLength(); index++) {
      if (root.item(index).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(index);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
