package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.Datasets;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageShape;
import io.gen4j.train.Checkpoint;
import io.gen4j.train.Checkpointer;
import io.gen4j.train.Experiments;
import io.gen4j.train.ImageInput;
import io.gen4j.train.ModelAssembly;
import io.gen4j.train.RunDirectory;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code gen4j export}: writes the generator (GANs) or decoder (VAEs) of a run's latest checkpoint as
 * a TensorFlow SavedModel (see {@link SavedModelWriter}) with an {@link ExportManifest} beside it.
 *
 * <p>The export is written into a hidden sibling of the output directory and renamed into place, so
 * the output directory is either absent, as it was, or a complete export.
 */
@Singleton
public final class ModelExporter {

  private static final String REPLACE_HINT = "; export with replace (gen4j export --force) to replace it";

  private final Experiments experiments;
  private final ModelCatalog catalog;

  @Inject
  public ModelExporter(Experiments experiments, ModelCatalog catalog) {
    this.experiments = requireNonNull(experiments, "experiments is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /**
   * Exports a run's latest checkpoint.
   *
   * @param runDirectory the run
   * @param outputDirectory the export directory; it must be absent or empty unless {@code replace}
   * @param replace whether to replace a non-empty output directory
   * @return the manifest written with the export
   * @throws IllegalArgumentException if the run has no checkpoint, or the output directory is a file
   *     or is not empty and {@code replace} is false
   */
  public ExportManifest export(Path runDirectory, Path outputDirectory, boolean replace) {
    requireNonNull(runDirectory, "runDirectory is null");
    requireNonNull(outputDirectory, "outputDirectory is null");
    Path target = outputDirectory.toAbsolutePath().normalize();
    Directories.checkTarget(target, replace, REPLACE_HINT);
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = experiments.runConfig(runDirectory);
    Checkpoint checkpoint = new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints())
        .require(runDirectory, "export");
    GenerativeModel model = catalog.createModel(config);
    ImageShape shape = Datasets.shape(config.data().dataset());
    ExportManifest manifest = new ExportManifest(
        ExportManifest.FORMAT_VERSION,
        config.modelType(),
        model.latentSize(),
        shape,
        model.pixelRange(),
        runDirectory.toAbsolutePath().normalize().toString(),
        checkpoint.state().step(),
        config.seed(),
        SavedModelWriter.TAG,
        SavedModelWriter.SIGNATURE_KEY,
        SavedModelWriter.INPUT_NAME,
        SavedModelWriter.OUTPUT_NAME);
    Path temporary = Directories.createSibling(target, "exporting");
    try {
      try (ModelAssembly assembly = ModelAssembly.build(model, shape, Datasets.classCount(config.data().dataset()),
          config.data().batchSize(), config.seed(), Map.of(), ImageInput.FED)) {
        SavedModelWriter.write(assembly, model, checkpoint.variablesPrefix(), temporary);
      }
      manifest.write(temporary);
      Directories.moveIntoPlace(temporary, target, replace, REPLACE_HINT);
      return manifest;
    } finally {
      Directories.deleteQuietly(temporary);
    }
  }
}
