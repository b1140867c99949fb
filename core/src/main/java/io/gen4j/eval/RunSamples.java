package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ImageBatch;
import io.gen4j.train.Experiments;
import io.gen4j.train.Sampler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Samples from a run's latest checkpoint, drawn batch by batch with {@link Experiments#sample}. Batch
 * {@code i} uses the {@code i}-th seed of a generator seeded with the evaluation's seed, so the images
 * depend on the seed and the batch size only. Works for every model type, plugins included; a
 * conditional model draws image {@code i} of class {@code i % classes} ({@link #labels()}).
 */
public final class RunSamples implements SampleSource {

  private final Experiments experiments;
  private final Path runDirectory;
  private final ImageShape shape;
  private final int count;
  private final long seed;
  private final int[] labels;

  /**
   * @param count how many images, at least 1
   * @param seed seeds the latent batches
   */
  public RunSamples(Experiments experiments, Path runDirectory, int count, long seed) {
    this.experiments = requireNonNull(experiments, "experiments is null");
    this.runDirectory = requireNonNull(runDirectory, "runDirectory is null");
    if (count < 1) {
      throw new IllegalArgumentException("the number of samples must be at least 1, got " + count);
    }
    this.shape = experiments.imageShape(runDirectory);
    this.count = count;
    this.seed = seed;
    int classes = experiments.sampleClasses(runDirectory);
    this.labels = classes > 0 ? Sampler.cyclingLabels(count, classes) : new int[0];
  }

  /** Whether the run's model draws images of given classes. */
  public boolean conditional() {
    return labels.length > 0;
  }

  /** The class each image is drawn for, in order; empty for a model that is not conditional. */
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public String name() {
    return runDirectory.toString();
  }

  @Override
  public ImageShape shape() {
    return shape;
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public void forEachBatch(int maxBatch, Consumer<ImageBatch> consumer) {
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int first = 0; first < count; first += maxBatch) {
      int size = Math.min(maxBatch, count - first);
      consumer.accept(conditional()
          ? experiments.sample(runDirectory, Arrays.copyOfRange(labels, first, first + size), seeds.nextLong())
          : experiments.sample(runDirectory, size, seeds.nextLong()));
    }
  }
}
