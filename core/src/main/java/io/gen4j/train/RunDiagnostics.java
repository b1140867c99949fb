package io.gen4j.train;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.TrainingWarning;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Watches a GAN run for the failures users ask about: a discriminator that wins outright (its loss near 0
 * and D(G(z)) near 0 for a sustained window of logged intervals), and mode collapse (the fixed-noise
 * samples becoming near-identical: their mean pairwise distance falling below a fraction of the real
 * data's). Each warns once per episode, again only after recovery. An untrained generator's samples are
 * near-identical too, so low diversity counts as collapse only once the samples have been diverse, or
 * from step {@link #UNTRAINED_STEPS} on.
 */
final class RunDiagnostics {

  /** d_loss below this counts towards "the discriminator wins". */
  static final double WINNING_LOSS = 0.05;

  /** d_fake (mean D(G(z))) below this counts towards "the discriminator wins". */
  static final double WINNING_FAKE_PROBABILITY = 0.05;

  /** Consecutive logged intervals of winning before the warning. */
  static final int WINNING_WINDOW = 5;

  /** Samples whose mean pairwise distance is below this fraction of the real data's have collapsed. */
  static final double COLLAPSE_FRACTION = 0.2;

  /** Before this step, low diversity is taken for an untrained generator unless samples were diverse. */
  static final long UNTRAINED_STEPS = 1000;

  private final double realPairwiseDistance;
  private int winningIntervals;
  private boolean diverseOnce;
  private boolean collapsed;

  /** @param realImages a batch of real images in [0, 1], the reference for sample diversity */
  RunDiagnostics(ImageBatch realImages) {
    this.realPairwiseDistance = meanPairwiseDistance(realImages);
  }

  /** Checks the metrics of a logged interval. */
  Optional<TrainingWarning> afterInterval(long step, Map<String, Double> metrics) {
    Double loss = metrics.get("d_loss");
    Double fake = metrics.get("d_fake");
    if (loss == null || fake == null) {
      return Optional.empty();
    }
    if (loss < WINNING_LOSS && fake < WINNING_FAKE_PROBABILITY) {
      winningIntervals++;
      if (winningIntervals == WINNING_WINDOW) {
        return Optional.of(new TrainingWarning(step, "discriminator-wins", String.format(Locale.ROOT,
            "the discriminator wins outright: d_loss %.4f and D(G(z)) %.4f for %d logged intervals; the generator"
                + " gets no useful gradient (try a lower discriminator learning rate or another loss)",
            loss, fake, WINNING_WINDOW)));
      }
    } else {
      winningIntervals = 0;
    }
    return Optional.empty();
  }

  /** Checks a batch of fixed-noise samples. */
  Optional<TrainingWarning> afterSamples(long step, ImageBatch samples) {
    double distance = meanPairwiseDistance(samples);
    if (distance >= COLLAPSE_FRACTION * realPairwiseDistance) {
      diverseOnce = true;
      collapsed = false;
      return Optional.empty();
    }
    if (collapsed || (!diverseOnce && step < UNTRAINED_STEPS)) {
      return Optional.empty();
    }
    collapsed = true;
    return Optional.of(new TrainingWarning(step, "mode-collapse", String.format(Locale.ROOT,
        "mode collapse: the fixed-noise samples are near-identical (mean pairwise distance %.3f, real data %.3f)",
        distance, realPairwiseDistance)));
  }

  /** Mean Euclidean distance between all pairs of images of a batch. */
  static double meanPairwiseDistance(ImageBatch batch) {
    int count = batch.count();
    if (count < 2) {
      return 0;
    }
    float[][] images = new float[count][];
    for (int i = 0; i < count; i++) {
      images[i] = batch.image(i);
    }
    double total = 0;
    for (int i = 0; i < count; i++) {
      for (int j = i + 1; j < count; j++) {
        double sum = 0;
        for (int k = 0; k < images[i].length; k++) {
          double difference = images[i][k] - images[j][k];
          sum += difference * difference;
        }
        total += Math.sqrt(sum);
      }
    }
    return total / (count * (count - 1) / 2.0);
  }
}
