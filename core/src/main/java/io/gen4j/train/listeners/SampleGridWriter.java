package io.gen4j.train.listeners;

import static java.util.Objects.requireNonNull;

import io.gen4j.export.ImageGrid;
import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.TrainingListener;
import java.nio.file.Path;

/**
 * Writes each batch of fixed-noise samples as an 8x8 PNG grid, {@code samples/step-NNNNNNNN.png}, and
 * the final one also as {@code samples/final.png}.
 */
public final class SampleGridWriter implements TrainingListener {

  /** Each image is drawn at twice its size, so 28x28 digits are easy to read. */
  public static final int SCALE = 2;

  private final Path directory;

  public SampleGridWriter(Path directory) {
    this.directory = requireNonNull(directory, "directory is null");
  }

  @Override
  public void onSamples(SamplesReady event) {
    int columns = ImageGrid.squareColumns(event.images().count());
    ImageGrid.write(event.images(), columns, SCALE, directory.resolve(String.format("step-%08d.png", event.step())));
    if (event.isFinal()) {
      ImageGrid.write(event.images(), columns, SCALE, directory.resolve("final.png"));
    }
  }
}
