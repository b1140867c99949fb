package io.gen4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damaged copies of a valid file, for bounded mutation tests of parsers: bytes flipped, runs
 * overwritten with extreme 32-bit values (the kind a lying header holds), cut short, or grown. The
 * same seed gives the same mutants.
 */
public final class Mutations {

  private static final int[] EXTREMES = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fff, 0x10000, 3, 4};

  private Mutations() {}

  /** {@code count} mutants of {@code valid}. */
  public static List<byte[]> of(byte[] valid, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> mutants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] mutant = valid.clone();
      switch (i % 4) {
        case 0 -> {
          for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            mutant[random.nextInt(mutant.length)] ^= (byte) (1 + random.nextInt(255));
          }
        }
        case 1 -> {
          int at = random.nextInt(Math.max(1, Math.min(mutant.length - 3, 128)));
          int value = EXTREMES[random.nextInt(EXTREMES.length)];
          for (int b = 0; b < 4 && at + b < mutant.length; b++) {
            mutant[at + b] = (byte) (value >>> (random.nextBoolean() ? 24 - 8 * b : 8 * b));
          }
        }
        case 2 -> mutant = Arrays.copyOf(mutant, random.nextInt(mutant.length));
        default -> {
          byte[] grown = Arrays.copyOf(mutant, mutant.length + 1 + random.nextInt(64));
          for (int b = mutant.length; b < grown.length; b++) {
            grown[b] = (byte) random.nextInt(256);
          }
          mutant = grown;
        }
      }
      mutants.add(mutant);
    }
    return mutants;
  }
}
