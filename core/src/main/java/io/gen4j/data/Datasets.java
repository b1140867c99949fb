package io.gen4j.data;

import io.gen4j.config.DataConfig;
import io.gen4j.spi.ImageShape;
import java.util.List;

/** The datasets a config can name in {@code data.dataset}. */
public final class Datasets {

  /** Names accepted by {@code data.dataset}. */
  public static final List<String> NAMES = List.of("mnist");

  private Datasets() {}

  /** The train split a config asks for, cut to {@code data.limit} images when that is set. */
  public static ImageDataset train(DataConfig config) {
    ImageDataset train = switch (config.dataset()) {
      case "mnist" -> BundledMnist.train();
      default -> throw unknown(config.dataset());
    };
    return config.limit() > 0 && config.limit() < train.count() ? train.slice(config.limit()) : train;
  }

  /** The test split of a dataset. */
  public static ImageDataset test(String name) {
    return switch (name) {
      case "mnist" -> BundledMnist.test();
      default -> throw unknown(name);
    };
  }

  /** The shape of a dataset's images, without loading it. */
  public static ImageShape shape(String name) {
    return switch (name) {
      case "mnist" -> ImageShape.MNIST;
      default -> throw unknown(name);
    };
  }

  /**
   * The number of classes of a dataset's labels, without loading it; 0 for an unlabelled dataset. A
   * model that uses labels is built with it.
   */
  public static int classCount(String name) {
    return switch (name) {
      case "mnist" -> 10;
      default -> throw unknown(name);
    };
  }

  private static DatasetException unknown(String name) {
    return new DatasetException("unknown dataset '" + name + "'; available: " + String.join(", ", NAMES));
  }
}
