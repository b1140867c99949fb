package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Splits a dataset that has no test split of its own into a train and a held-out test split: a
 * {@code fraction} of the images, chosen by a permutation that depends on the seed alone, so the same
 * images are held out in every run and process. Both parts keep the original order and are views.
 */
public final class HoldOutSplit {

  private HoldOutSplit() {}

  /** The two parts of a split. */
  public record Parts(ImageDataset train, ImageDataset test) {}

  /**
   * @param all the images to split, at least 2
   * @param fraction the share held out, in (0, 1); at least one image is held out and one kept
   * @param seed decides which images are held out
   * @param name names the parts {@code NAME-train} and {@code NAME-heldout}
   * @throws DatasetException if the dataset has fewer than 2 images
   */
  public static Parts split(ImageDataset all, double fraction, long seed, String name) {
    requireNonNull(all, "all is null");
    requireNonNull(name, "name is null");
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be above 0 and below 1, got " + fraction);
    }
    int count = all.count();
    if (count < 2) {
      throw new DatasetException(
          all.name() + ": " + count + " images; holding out a test split needs at least 2");
    }
    int held = (int) Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
    int[] permutation = permutation(count, seed);
    int[] test = Arrays.copyOf(permutation, held);
    int[] train = Arrays.copyOfRange(permutation, held, count);
    Arrays.sort(test);
    Arrays.sort(train);
    return new Parts(all.select(name + "-train", train), all.select(name + "-heldout", test));
  }

  /** A Fisher-Yates shuffle of {@code 0..count-1} driven by the seed alone. */
  private static int[] permutation(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] permutation = new int[count];
    Arrays.setAll(permutation, index -> index);
    for (int last = count - 1; last > 0; last--) {
      int other = random.nextInt(last + 1);
      int swapped = permutation[last];
      permutation[last] = permutation[other];
      permutation[other] = swapped;
    }
    return permutation;
  }
}
