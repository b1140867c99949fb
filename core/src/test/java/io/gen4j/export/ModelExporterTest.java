package io.gen4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gen4j.Gen4j;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import io.gen4j.testing.FloatArrays;
import io.gen4j.testing.TinyGanRuns;
import io.gen4j.train.Sampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/** Exports a short tiny-gan run and loads it back with plain TensorFlow and with {@link ExportedGenerator}. */
class ModelExporterTest {

  private static final long RUN_SEED = 5;

  private static final Gen4j GEN4J = Gen4j.create();

  @TempDir static Path runs;

  private static Path run;

  @TempDir Path work;

  @BeforeAll
  static void train() {
    run = TinyGanRuns.train(GEN4J, runs, RUN_SEED);
  }

  @Test
  void theSavedModelsSignatureReproducesTheRunsSamples() {
    Path out = work.resolve("export");
    GEN4J.exporter().export(run, out, false);

    int count = 6;
    float[] latents = Sampler.gaussianLatents(11, count, TinyGanRuns.LATENT_SIZE);
    float[] expected = GEN4J.experiments().sample(run, count, 11).toArray();
    try (SavedModelBundle bundle = SavedModelBundle.load(out.toString(), "serve");
        TFloat32 input = TFloat32.tensorOf(Shape.of(count, TinyGanRuns.LATENT_SIZE), DataBuffers.of(latents, true, false));
        Result result = bundle.function("serving_default").call(Map.of("latent", input))) {
      TFloat32 images = (TFloat32) result.get("images").orElseThrow();
      assertThat(images.shape()).isEqualTo(Shape.of(count, 28, 28, 1));
      float[] actual = new float[count * 28 * 28];
      images.copyTo(DataBuffers.of(actual, false, false));
      assertThat(actual).containsExactly(expected, within(1e-6f));
    }
    assertThat(FloatArrays.max(expected) - FloatArrays.min(expected)).as("the samples vary").isGreaterThan(0.01f);
  }

  @Test
  void theSignatureIsNamedAndTypedAndTheGraphHoldsOnlyTheGenerator() {
    Path out = work.resolve("export");
    GEN4J.exporter().export(run, out, false);

    try (SavedModelBundle bundle = SavedModelBundle.load(out.toString(), "serve")) {
      Signature signature = bundle.function("serving_default").signature();
      assertThat(signature.methodName()).isEqualTo("tensorflow/serving/predict");
      assertThat(signature.getInputs()).containsOnlyKeys("latent");
      assertThat(signature.getInputs().get("latent").dataType).isEqualTo(DataType.DT_FLOAT);
      assertThat(signature.getInputs().get("latent").shape.asArray()).containsExactly(-1, TinyGanRuns.LATENT_SIZE);
      assertThat(signature.getOutputs()).containsOnlyKeys("images");
      assertThat(signature.getOutputs().get("images").shape.asArray()).containsExactly(-1, 28, 28, 1);
      List<String> operations = new ArrayList<>();
      for (Iterator<GraphOperation> iterator = bundle.graph().operations(); iterator.hasNext(); ) {
        operations.add(iterator.next().name());
      }
      assertThat(operations).anyMatch(name -> name.startsWith("generator."));
      assertThat(operations).noneMatch(name -> name.startsWith("discriminator."));
      assertThat(operations).doesNotContain("real_images", "noise_key", "step");
      // Python's tf.saved_model.load feeds the saver's filename as a tensor name (tensorflow/java#372).
      assertThat(bundle.metaGraphDef().getSaverDef().getFilenameTensorName()).endsWith(":0");
      assertThat(bundle.metaGraphDef().getMetaInfoDef().getTagsList()).containsExactly("serve");
    }
  }

  @Test
  void theManifestDescribesTheExport() {
    Path out = work.resolve("export");
    ExportManifest manifest = GEN4J.exporter().export(run, out, false);

    assertThat(ExportManifest.read(out)).isEqualTo(manifest);
    assertThat(manifest.modelType()).isEqualTo("tiny-gan");
    assertThat(manifest.latentSize()).isEqualTo(TinyGanRuns.LATENT_SIZE);
    assertThat(manifest.imageShape()).isEqualTo(ImageShape.MNIST);
    assertThat(manifest.pixelRange()).isEqualTo(PixelRange.SYMMETRIC);
    assertThat(manifest.sourceRun()).isEqualTo(run.toAbsolutePath().normalize().toString());
    assertThat(manifest.checkpointStep()).isEqualTo(TinyGanRuns.STEPS);
    assertThat(manifest.runSeed()).isEqualTo(RUN_SEED);
    assertThat(List.of(manifest.tag(), manifest.signatureKey(), manifest.inputName(), manifest.outputName()))
        .containsExactly("serve", "serving_default", "latent", "images");
    assertThat(out.resolve("saved_model.pb")).isRegularFile();
    assertThat(out.resolve("variables/variables.index")).isRegularFile();
  }

  @Test
  void theExportedGeneratorSamplesWhatTheRunSamplesInChunks() {
    Path out = work.resolve("export");
    GEN4J.exporter().export(run, out, false);
    int count = ExportedGenerator.CHUNK_SIZE + 44;

    try (ExportedGenerator generator = ExportedGenerator.load(out)) {
      assertThat(generator.latentSize()).isEqualTo(TinyGanRuns.LATENT_SIZE);
      assertThat(generator.imageShape()).isEqualTo(ImageShape.MNIST);
      ImageBatch exported = generator.sample(count, RUN_SEED);
      ImageBatch sampled = GEN4J.experiments().sample(run, count, RUN_SEED);
      assertThat(exported.count()).isEqualTo(count);
      assertThat(exported.toArray()).containsExactly(sampled.toArray(), within(1e-6f));
      assertThatThrownBy(() -> generator.generate(new float[7], 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 1 latent vectors of size 8, got 7 values");
    }
  }

  @Test
  void aNonEmptyOutputIsKeptUnlessReplaced() throws IOException {
    Path out = Files.createDirectories(work.resolve("export"));
    Files.writeString(out.resolve("keep.txt"), "mine");

    assertThatThrownBy(() -> GEN4J.exporter().export(run, out, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(out.toAbsolutePath() + " is not empty; export with replace (gen4j export --force) to replace it");
    assertThat(out.resolve("keep.txt")).hasContent("mine");

    GEN4J.exporter().export(run, out, true);
    assertThat(out.resolve("keep.txt")).doesNotExist();
    assertThat(out.resolve("saved_model.pb")).isRegularFile();
    assertThat(out.resolve(ExportManifest.FILE_NAME)).isRegularFile();
    assertThat(entries(work)).containsExactly("export");
  }

  @Test
  void theExportDirectoryGetsTheUsualPermissions() throws IOException {
    Path out = work.resolve("export");
    GEN4J.exporter().export(run, out, false);
    Path plain = Files.createDirectory(work.resolve("plain"));
    assumeTrue(Files.getFileStore(plain).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX permissions");
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void anExistingEmptyDirectoryIsUsed() throws IOException {
    Path out = Files.createDirectories(work.resolve("export"));
    GEN4J.exporter().export(run, out, false);
    assertThat(out.resolve("saved_model.pb")).isRegularFile();
    assertThat(entries(work)).containsExactly("export");
  }

  @Test
  void aFailedExportLeavesTheOutputAsItWasAndNothingBeside() throws IOException {
    Path broken = copyOfRun(work.resolve("broken"));
    try (Stream<Path> files = Files.walk(broken.resolve("checkpoints"))) {
      for (Path index : files.filter(path -> path.getFileName().toString().equals("variables.index")).toList()) {
        Files.delete(index);
      }
    }
    Path out = Files.createDirectories(work.resolve("export"));
    Files.writeString(out.resolve("keep.txt"), "mine");

    assertThatThrownBy(() -> GEN4J.exporter().export(broken, out, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(broken + ": no intact checkpoint to export; skipped the damaged checkpoint "
            + broken.resolve("checkpoints"))
        .hasMessageEndingWith("variables.index: missing)");
    assertThat(entries(out)).containsExactly("keep.txt");
    assertThat(entries(work)).containsExactlyInAnyOrder("broken", "export");
  }

  @Test
  void aRunWithoutCheckpointsOrAFileAsOutputIsRefused() throws IOException {
    Path empty = Files.createDirectories(work.resolve("empty-run"));
    Files.copy(run.resolve("config.json"), empty.resolve("config.json"));
    assertThatThrownBy(() -> GEN4J.exporter().export(empty, work.resolve("export"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(empty + ": no checkpoint to export");

    Path file = Files.writeString(work.resolve("file"), "x");
    assertThatThrownBy(() -> GEN4J.exporter().export(run, file, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file.toAbsolutePath() + " is a file, not a directory");
    assertThat(entries(work)).containsExactlyInAnyOrder("empty-run", "file");
  }

  @Test
  void loadingNamesTheProblem() throws IOException {
    Path notAnExport = Files.createDirectories(work.resolve("plain"));
    assertThatThrownBy(() -> ExportedGenerator.load(notAnExport))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(notAnExport + ": not a gen4j export (no gen4j-export.json)");

    Path out = work.resolve("export");
    GEN4J.exporter().export(run, out, false);
    Path manifest = out.resolve(ExportManifest.FILE_NAME);
    String json = Files.readString(manifest);

    Files.writeString(manifest, json.replace("\"latentSize\" : 8", "\"latentSize\" : 9"));
    assertThatThrownBy(() -> ExportedGenerator.load(out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(out + ": the signature's input 'latent' is DT_FLOAT [-1, 8]; gen4j-export.json promises DT_FLOAT [-1, 9]");

    Files.writeString(manifest, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
    assertThatThrownBy(() -> ExportedGenerator.load(out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(manifest + ": formatVersion 2 is not supported; this gen4j reads 1");

    Files.writeString(manifest, json.replace("\"latentSize\" : 8", "\"latentSize\" : 8, \"latentDimension\" : 8"));
    assertThatThrownBy(() -> ExportedGenerator.load(out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(manifest + ": Unrecognized field \"latentDimension\"");

    Files.writeString(manifest, json.replace("\"tag\" : \"serve\"", "\"tag\" : \"train\""));
    assertThatThrownBy(() -> ExportedGenerator.load(out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(out + ": cannot load the SavedModel: ");
    Files.writeString(manifest, json);
    Files.delete(out.resolve("saved_model.pb"));
    assertThatThrownBy(() -> ExportedGenerator.load(out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(out + ": not a SavedModel (no saved_model.pb)");
  }

  private static Path copyOfRun(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(run)) {
      for (Path source : files.toList()) {
        Files.copy(source, target.resolve(run.relativize(source).toString()));
      }
    }
    return target;
  }

  private static List<String> entries(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
