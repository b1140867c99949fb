package io.gen4j.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random draws of indices. */
final class RandomIndices {

  private RandomIndices() {}

  /** {@code size} distinct indices below {@code bound}, in random order: a partial Fisher-Yates shuffle. */
  static int[] withoutReplacement(SplittableRandom random, int bound, int size) {
    if (size < 0 || size > bound) {
      throw new IllegalArgumentException("cannot draw " + size + " distinct indices below " + bound);
    }
    int[] pool = new int[bound];
    Arrays.setAll(pool, index -> index);
    for (int i = 0; i < size; i++) {
      int other = i + random.nextInt(bound - i);
      int swapped = pool[i];
      pool[i] = pool[other];
      pool[other] = swapped;
    }
    return Arrays.copyOf(pool, size);
  }
}
