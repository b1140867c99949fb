package io.gen4j.bench;

import io.gen4j.data.DatasetException;
import io.gen4j.data.folder.FolderConfig;
import io.gen4j.data.folder.FolderDatasetProvider;
import io.gen4j.data.folder.Interpolation;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.TaskProgress;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The data row of {@code gen4j bench}: how fast a folder of JPEGs is decoded into the dataset cache.
 * It writes a folder of generated colour JPEGs (gradients and discs, so they compress like photos of
 * simple things), then times the {@code folder} dataset type decoding all of them into a fresh cache
 * at their own size, RGB, and deletes both.
 */
public final class DecodeBenchmark {

  /** Default number of images. */
  public static final int DEFAULT_IMAGES = 20_000;

  /** Default side of the square images. */
  public static final int DEFAULT_SIZE = 64;

  private DecodeBenchmark() {}

  /**
   * What one run measured.
   *
   * @param images images decoded
   * @param size their side in pixels
   * @param threads decoding threads
   * @param jpegBytes bytes of JPEG read
   * @param seconds wall seconds of decoding into the cache (scan, decode, write, checksum)
   * @param load the one-minute load average when it ended, or -1
   */
  public record Result(int images, int size, int threads, long jpegBytes, double seconds, double load) {

    /** Images decoded per second. */
    public double imagesPerSecond() {
      return images / seconds;
    }
  }

  /**
   * Generates {@code images} JPEGs of {@code size}x{@code size} under {@code work}, decodes them with
   * {@code threads} threads, and deletes everything it wrote.
   */
  public static Result run(int images, int size, int threads, Path work) {
    if (images < 1 || size < 1 || threads < 1) {
      throw new IllegalArgumentException("images, size and threads must be at least 1");
    }
    Path folder = work.resolve("jpegs");
    try {
      long bytes = generate(folder, images, size, threads);
      DatasetContext context = new DatasetContext(work.resolve("downloads"), work.resolve("cache"), Optional.empty(),
          TaskProgress.SILENT);
      FolderConfig config = new FolderConfig(folder.toString(), size, size, 3, false, FolderConfig.DEFAULT_BACKGROUND,
          Interpolation.BILINEAR, true);
      long start = System.nanoTime();
      DatasetSplits splits = new FolderDatasetProvider(threads).open(config, context);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (splits.train().count() != images) {
        throw new DatasetException("decoded " + splits.train().count() + " of " + images + " generated images");
      }
      return new Result(images, size, threads, bytes, seconds, BenchEnvironment.loadAverage());
    } finally {
      delete(work);
    }
  }

  private static long generate(Path folder, int images, int size, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Files.createDirectories(folder);
      List<Future<Long>> parts = new ArrayList<>();
      int perThread = (images + threads - 1) / threads;
      for (int first = 0; first < images; first += perThread) {
        int from = first;
        int to = Math.min(images, first + perThread);
        parts.add(pool.submit(() -> {
          long bytes = 0;
          for (int index = from; index < to; index++) {
            Path file = folder.resolve(String.format("%06d.jpg", index));
            ImageIO.write(picture(size, new SplittableRandom(index)), "jpeg", file.toFile());
            bytes += Files.size(file);
          }
          return bytes;
        }));
      }
      long bytes = 0;
      for (Future<Long> part : parts) {
        bytes += part.get();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark's images in " + folder + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the benchmark's images", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write the benchmark's images: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static BufferedImage picture(int size, SplittableRandom random) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(1 << 24)), size, size,
        new Color(random.nextInt(1 << 24))));
    graphics.fillRect(0, 0, size, size);
    for (int disc = 0; disc < 3; disc++) {
      graphics.setColor(new Color(random.nextInt(1 << 24)));
      int diameter = size / 4 + random.nextInt(size / 2);
      graphics.fillOval(random.nextInt(size) - diameter / 2, random.nextInt(size) - diameter / 2, diameter, diameter);
    }
    graphics.dispose();
    return image;
  }

  private static void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }
}
