package io.gen4j.tensorboard;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ThreadsConfig;
import io.gen4j.export.ImageGrid;
import io.gen4j.graph.Sessions;
import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.train.listeners.SampleGridWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.op.summary.WriteImageSummary;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Writes TensorBoard event files with TensorFlow's own summary ops, so a stock {@code tensorboard
 * --logdir runs} reads them: every logged metric (and {@code images_per_second}) as a scalar series
 * tagged with its name, and each fixed-noise sample grid as the image {@code samples/image}.
 *
 * <p>The listener owns a small graph of its own (a summary file writer resource and the write ops),
 * separate from the model's, and flushes after every event so TensorBoard sees progress while the run
 * goes on. A resumed run adds a new event file to the same directory.
 */
public final class TensorBoardWriter implements TrainingListener {

  /** The tag of the sample grid; TensorFlow appends {@code /image} to it. */
  public static final String SAMPLES_TAG = "samples";

  /** The tag of the throughput series. */
  public static final String IMAGES_PER_SECOND_TAG = "images_per_second";

  private static final Logger LOG = LoggerFactory.getLogger(TensorBoardWriter.class);

  private final Path directory;
  private final ThreadsConfig threads;
  private SummaryGraph summaries;

  /** @param directory where the event files go; created if missing */
  public TensorBoardWriter(Path directory) {
    this(directory, ThreadsConfig.DEFAULT);
  }

  /**
   * @param directory where the event files go; created if missing
   * @param threads the run's thread pool sizes, for the writer's own session
   */
  public TensorBoardWriter(Path directory, ThreadsConfig threads) {
    this.directory = requireNonNull(directory, "directory is null");
    this.threads = requireNonNull(threads, "threads is null");
  }

  @Override
  public void onStart(TrainingStarted event) {
    close();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
    }
    summaries = new SummaryGraph(directory, threads);
  }

  @Override
  public void afterStep(StepCompleted event) {
    Map<String, Double> scalars = new LinkedHashMap<>(event.metrics());
    scalars.put(IMAGES_PER_SECOND_TAG, event.imagesPerSecond());
    SummaryGraph graph = started();
    scalars.forEach((tag, value) -> graph.writeScalar(event.step(), tag, value.floatValue()));
    graph.flush();
  }

  @Override
  public void onSamples(SamplesReady event) {
    int columns = ImageGrid.squareColumns(event.images().count());
    BufferedImage grid = ImageGrid.render(event.images(), columns, SampleGridWriter.SCALE);
    SummaryGraph graph = started();
    graph.writeImage(event.step(), SAMPLES_TAG, grid, event.images().shape().channels());
    graph.flush();
  }

  @Override
  public void onEnd(TrainingEnded event) {
    close();
  }

  @Override
  public void onFailure(TrainingFailed event) {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("cannot close the TensorBoard event file in {}: {}", directory, e.getMessage());
    }
  }

  private SummaryGraph started() {
    if (summaries == null) {
      throw new IllegalStateException("TensorBoardWriter: onStart was not called before writing to " + directory);
    }
    return summaries;
  }

  private void close() {
    if (summaries != null) {
      SummaryGraph closing = summaries;
      summaries = null;
      closing.close();
    }
  }

  /** The summary ops and the session that runs them. */
  private static final class SummaryGraph implements AutoCloseable {

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TInt64> step;
    private final Placeholder<TString> tag;
    private final Placeholder<TFloat32> value;
    private final Placeholder<TUint8> image;
    private final Op writeScalar;
    private final Op writeImage;
    private final Op flush;
    private final Op closeWriter;

    SummaryGraph(Path directory, ThreadsConfig threads) {
      Ops tf = Ops.create(graph);
      SummaryWriter writer = tf.summary.summaryWriter();
      Op create = tf.summary.createSummaryFileWriter(
          writer,
          tf.constant(directory.toAbsolutePath().toString()),
          tf.constant(10),
          tf.constant(1000),
          tf.constant(".gen4j"));
      step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      image = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(1, -1, -1, -1)));
      writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
      Operand<TUint8> badColor = tf.dtypes.cast(tf.constant(new int[] {255, 0, 0, 255}), TUint8.class);
      writeImage = tf.summary.writeImageSummary(writer, step, tag, image, badColor, WriteImageSummary.maxImages(1L));
      flush = tf.summary.flushSummaryWriter(writer);
      closeWriter = tf.summary.closeSummaryWriter(writer);
      session = Sessions.open(graph, threads);
      try (Result ignored = session.runner().addTarget(create).run()) {
        // the file writer resource now exists and has written the file version event
      } catch (RuntimeException e) {
        session.close();
        graph.close();
        throw e;
      }
    }

    void writeScalar(long atStep, String name, float scalar) {
      try (TInt64 stepTensor = TInt64.scalarOf(atStep);
          TString tagTensor = TString.scalarOf(name);
          TFloat32 valueTensor = TFloat32.scalarOf(scalar);
          Result ignored = session.runner()
              .feed(step, stepTensor)
              .feed(tag, tagTensor)
              .feed(value, valueTensor)
              .addTarget(writeScalar)
              .run()) {
        // written
      }
    }

    void writeImage(long atStep, String name, BufferedImage picture, int channels) {
      int width = picture.getWidth();
      int height = picture.getHeight();
      int depth = channels == 1 ? 1 : 3;
      byte[] pixels = new byte[height * width * depth];
      int index = 0;
      for (int row = 0; row < height; row++) {
        for (int column = 0; column < width; column++) {
          int rgb = picture.getRGB(column, row);
          if (depth == 1) {
            pixels[index++] = (byte) (rgb >> 16);
          } else {
            pixels[index++] = (byte) (rgb >> 16);
            pixels[index++] = (byte) (rgb >> 8);
            pixels[index++] = (byte) rgb;
          }
        }
      }
      try (TInt64 stepTensor = TInt64.scalarOf(atStep);
          TString tagTensor = TString.scalarOf(name);
          TUint8 imageTensor = TUint8.tensorOf(Shape.of(1, height, width, depth), DataBuffers.of(pixels, true, false));
          Result ignored = session.runner()
              .feed(step, stepTensor)
              .feed(tag, tagTensor)
              .feed(image, imageTensor)
              .addTarget(writeImage)
              .run()) {
        // written
      }
    }

    void flush() {
      try (Result ignored = session.runner().addTarget(flush).run()) {
        // flushed
      }
    }

    @Override
    public void close() {
      try (Result ignored = session.runner().addTarget(closeWriter).run()) {
        // the event file is flushed and closed
      } finally {
        session.close();
        graph.close();
      }
    }
  }
}
