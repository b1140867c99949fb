package io.gen4j.testing;

import io.gen4j.Gen4j;
import java.nio.file.Path;
import java.util.List;

/** Trains a config in its own JVM, so tests can kill it: {@code TrainMain CONFIG.json}. */
public final class TrainMain {

  private TrainMain() {}

  public static void main(String[] args) {
    Gen4j gen4j = Gen4j.create();
    gen4j.experiments().train(gen4j.configLoader().load(Path.of(args[0])), List.of());
  }
}
