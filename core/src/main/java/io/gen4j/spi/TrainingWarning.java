package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

/**
 * Something about a run that a user should look at, such as a discriminator that wins outright or
 * samples that collapse to one mode.
 *
 * @param step the step at which it was noticed
 * @param kind a stable identifier: {@code discriminator-wins}, {@code mode-collapse}, {@code rollback}
 * @param message one line for people
 */
public record TrainingWarning(long step, String kind, String message) {

  public TrainingWarning {
    requireNonNull(kind, "kind is null");
    requireNonNull(message, "message is null");
  }
}
