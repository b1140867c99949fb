package io.gen4j.train;

import java.nio.file.Path;

/**
 * A complete checkpoint on disk.
 *
 * @param directory holds the variables ({@code variables.index}, {@code variables.data-*}) and {@code
 *     state.json}
 * @param state the training state it was taken at
 */
public record Checkpoint(Path directory, TrainingState state) {

  /** The prefix TensorFlow's saver reads and writes variables under. */
  public String variablesPrefix() {
    return directory.resolve(Checkpointer.VARIABLES).toString();
  }
}
