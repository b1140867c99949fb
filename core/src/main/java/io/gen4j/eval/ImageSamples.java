package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.util.Arrays;
import java.util.function.Consumer;

/** Images already in memory, such as samples another tool wrote to a {@code .npy} file. */
public final class ImageSamples implements SampleSource {

  private final String name;
  private final ImageBatch images;

  /**
   * @param name names the images in the table, such as the file they came from
   * @param images at least one image
   */
  public ImageSamples(String name, ImageBatch images) {
    this.name = requireNonNull(name, "name is null");
    this.images = requireNonNull(images, "images is null");
    if (images.count() < 1) {
      throw new IllegalArgumentException(name + ": no images to evaluate");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ImageShape shape() {
    return images.shape();
  }

  @Override
  public int count() {
    return images.count();
  }

  @Override
  public void forEachBatch(int maxBatch, Consumer<ImageBatch> consumer) {
    if (maxBatch >= images.count()) {
      consumer.accept(images);
      return;
    }
    float[] values = images.toArray();
    int size = images.shape().size();
    for (int first = 0; first < images.count(); first += maxBatch) {
      int batch = Math.min(maxBatch, images.count() - first);
      consumer.accept(new ImageBatch(images.shape(), batch,
          Arrays.copyOfRange(values, first * size, (first + batch) * size)));
    }
  }
}
