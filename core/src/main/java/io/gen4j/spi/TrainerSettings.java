package io.gen4j.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many updates of each objective one training step runs, as a model asks its trainer: an objective
 * not listed is updated once per step. A GAN with five critic updates per generator update passes
 * {@code TrainerSettings.updates("discriminator", 5)}.
 *
 * @param updatesPerStep updates per step by objective name, each at least 1
 */
public record TrainerSettings(Map<String, Integer> updatesPerStep) {

  /** One update of each objective per step. */
  public static final TrainerSettings DEFAULT = new TrainerSettings(Map.of());

  public TrainerSettings {
    Map<String, Integer> copy = new LinkedHashMap<>();
    updatesPerStep.forEach((objective, count) -> {
      if (count == null || count < 1) {
        throw new IllegalArgumentException(
            "updates per step of objective '" + objective + "' must be at least 1, got " + count);
      }
      copy.put(objective, count);
    });
    updatesPerStep = Collections.unmodifiableMap(copy);
  }

  /** {@code count} updates of {@code objective} per step, one of every other. */
  public static TrainerSettings updates(String objective, int count) {
    return DEFAULT.withUpdates(objective, count);
  }

  /** These settings, with {@code count} updates of {@code objective} per step. */
  public TrainerSettings withUpdates(String objective, int count) {
    Map<String, Integer> changed = new LinkedHashMap<>(updatesPerStep);
    changed.put(objective, count);
    return new TrainerSettings(changed);
  }

  /** Updates of {@code objective} per step: 1 unless set. */
  public int updates(String objective) {
    return updatesPerStep.getOrDefault(objective, 1);
  }
}
