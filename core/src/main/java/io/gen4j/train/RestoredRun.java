package io.gen4j.train;

import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.Datasets;
import io.gen4j.graph.Sessions;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageShape;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Session;

/**
 * A run's model with the weights of its latest checkpoint, in a session of a graph built without
 * updates: what inspecting a finished (or running) run starts from.
 */
final class RestoredRun implements AutoCloseable {

  private final ExperimentConfig config;
  private final GenerativeModel model;
  private final ImageShape shape;
  private final Checkpoint checkpoint;
  private final ModelAssembly assembly;
  private final Session session;

  private RestoredRun(
      ExperimentConfig config, GenerativeModel model, ImageShape shape, Checkpoint checkpoint,
      ModelAssembly assembly, Session session) {
    this.config = config;
    this.model = model;
    this.shape = shape;
    this.checkpoint = checkpoint;
    this.assembly = assembly;
    this.session = session;
  }

  /**
   * Restores a run's latest checkpoint.
   *
   * @param purpose what the weights are for, for the error when there is no checkpoint, e.g. "sample from"
   * @throws IllegalArgumentException if the run has no checkpoint
   */
  static RestoredRun open(ModelCatalog catalog, ConfigLoader configLoader, Path runDirectory, String purpose) {
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = configLoader.load(run.configFile());
    Checkpoint checkpoint = new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints())
        .require(runDirectory, purpose);
    GenerativeModel model = catalog.createModel(config);
    ImageShape shape = Datasets.shape(config.data().dataset());
    ModelAssembly assembly = ModelAssembly.build(model, shape, Datasets.classCount(config.data().dataset()),
        config.data().batchSize(), config.seed(), Map.of(), ImageInput.FED);
    try {
      Session session = Sessions.open(assembly.graph(), config.training().threads());
      try {
        Checkpointer.restore(session, assembly.graph(), checkpoint);
        return new RestoredRun(config, model, shape, checkpoint, assembly, session);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (RuntimeException e) {
      assembly.close();
      throw e;
    }
  }

  ExperimentConfig config() {
    return config;
  }

  GenerativeModel model() {
    return model;
  }

  ImageShape shape() {
    return shape;
  }

  Checkpoint checkpoint() {
    return checkpoint;
  }

  ModelAssembly assembly() {
    return assembly;
  }

  Session session() {
    return session;
  }

  /** Decodes latent codes with the restored weights. */
  Sampler sampler() {
    return new Sampler(session, assembly, shape, model.pixelRange(), model.latentSize());
  }

  @Override
  public void close() {
    session.close();
    assembly.close();
  }
}
