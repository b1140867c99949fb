package io.gen4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ConfigLoader;
import io.gen4j.data.DatasetException;
import io.gen4j.data.IdxReader;
import io.gen4j.eval.ClassifierTraining;
import io.gen4j.eval.FeatureNetworkManifest;
import io.gen4j.export.ExportManifest;
import io.gen4j.export.NpyImages;
import io.gen4j.report.RunStatus;
import io.gen4j.security.OpAllowList;
import io.gen4j.security.SavedModelCheck;
import io.gen4j.security.UntrustedModelException;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import io.gen4j.testing.TinyGanProvider;
import io.gen4j.train.CheckpointException;
import io.gen4j.train.CheckpointIndex;
import io.gen4j.train.CheckpointManifest;
import io.gen4j.train.Checkpointer;
import io.gen4j.train.TrainingState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Fuzzes every parser of files from outside with Jazzer: the config loader, IDX images and labels,
 * {@code .npy} images, a checkpoint's {@code state.json}, {@code manifest.json} and variable index,
 * the eval cache's and an export's manifests, {@code saved_model.pb} (parse and op check) and {@code
 * status.json}. The first byte of an input picks the parser; the seeds are real files of each kind,
 * made here. A parser may fail only with its own exception, on one line; anything else (another
 * exception, an out-of-memory error, more than {@value #MAX_ALLOCATION_PER_INPUT} bytes allocated for
 * one input) fails the test, and so does a hang: 10 seconds on one input while fuzzing (libFuzzer's
 * {@code -timeout}, set with the seed in {@code junit-platform.properties}), 60 for the whole test.
 *
 * <p>In a normal test run ({@code mvn verify}), core's Surefire configuration sets {@code JAZZER_FUZZ},
 * so Jazzer fuzzes for at most {@code maxExecutions} inputs or {@code maxDuration}, whichever comes
 * first; without it the test runs the seeds and any findings kept under {@code
 * src/test/resources/io/gen4j/fuzz/ParserFuzzTestInputs}. The inputs per parser are printed at the end
 * and written to {@code target/fuzz-inputs.txt}.
 */
class ParserFuzzTest {

  /** More than any parser needs for an input of a few kilobytes. */
  static final long MAX_ALLOCATION_PER_INPUT = 256L << 20;

  private static final String[] PARSERS = {
    "config", "idx-images", "idx-labels", "npy", "checkpoint-state", "checkpoint-manifest", "checkpoint-index",
    "eval-cache-manifest", "export-manifest", "saved-model", "run-status"
  };

  private static final AtomicLongArray INPUTS = new AtomicLongArray(PARSERS.length);
  private static final ConfigLoader CONFIGS = new ConfigLoader(Map.of("tiny-gan", new TinyGanProvider()));
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @TempDir static Path scratch;

  @MethodSource("seeds")
  @Timeout(60)
  @FuzzTest(maxExecutions = 60_000, maxDuration = "25s")
  void parsersFailOnlyWithTheirOwnOneLineErrors(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    int parser = Math.floorMod(input[0], PARSERS.length);
    byte[] content = Arrays.copyOfRange(input, 1, input.length);
    INPUTS.incrementAndGet(parser);
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      parse(parser, content);
    } catch (ConfigException | DatasetException | CheckpointException | UntrustedModelException e) {
      requireOneLine(e);
    } catch (IllegalArgumentException e) {
      // the exception the export, npy, eval-cache, SavedModel and status readers declare
      assertThat(parser).isIn(3, 7, 8, 9, 10);
      requireOneLine(e);
    }
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated by %s for a %d-byte input", PARSERS[parser], content.length)
        .isLessThan(MAX_ALLOCATION_PER_INPUT);
  }

  private static void parse(int parser, byte[] content) throws IOException {
    String text = new String(content, StandardCharsets.UTF_8);
    switch (parser) {
      case 0 -> CONFIGS.parse(text, "fuzz.json");
      case 1 -> IdxReader.readImages(new ByteArrayInputStream(content), "fuzz-images");
      case 2 -> IdxReader.readLabels(new ByteArrayInputStream(content), "fuzz-labels", 10);
      case 3 -> NpyImages.read(file("fuzz.npy", content));
      case 4 -> TrainingState.parse(content, "state.json");
      case 5 -> CheckpointManifest.parse(content, "manifest.json");
      case 6 -> CheckpointIndex.parse(content, "variables.index");
      case 7 -> FeatureNetworkManifest.parse(content, "manifest.json");
      case 8 -> ExportManifest.parse(content, "gen4j-export.json");
      case 9 -> SavedModelCheck.check(content, "saved_model.pb", OpAllowList.GENERATOR);
      default -> RunStatus.read(file("status.json", content));
    }
  }

  private static void requireOneLine(RuntimeException e) {
    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
  }

  @AfterAll
  static void report() throws IOException {
    StringBuilder counts = new StringBuilder("fuzz inputs per parser:");
    for (int i = 0; i < PARSERS.length; i++) {
      counts.append(String.format(Locale.ROOT, " %s=%d", PARSERS[i], INPUTS.get(i)));
    }
    System.out.println(counts);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("fuzz-inputs.txt"), counts + "\n");
    }
  }

  /** A real file of each kind, its first byte choosing its parser. */
  static Stream<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(seed(0, """
        {"name": "seed", "seed": 3, "model": {"type": "tiny-gan", "hidden": 4},
         "data": {"batchSize": 16, "limit": 64},
         "training": {"steps": 10, "optimizers": {"generator": {"type": "rmsprop", "learningRate": 0.001}}},
         "output": {"runsDirectory": "runs"}}
        """.getBytes(StandardCharsets.UTF_8)));
    seeds.add(seed(1, idx(0x803, new int[] {2, 3, 2}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})));
    seeds.add(seed(1, gzip(idx(0x803, new int[] {1, 2, 2}, new byte[] {9, 8, 7, 6}))));
    seeds.add(seed(2, idx(0x801, new int[] {3}, new byte[] {1, 9, 0})));
    seeds.add(seed(2, gzip(idx(0x801, new int[] {2}, new byte[] {4, 5}))));
    Path npy = scratch.resolve("seed.npy");
    NpyImages.write(new ImageBatch(new ImageShape(2, 2, 1), 2, new float[] {0, 0.25f, 0.5f, 1, 1, 0, 0.5f, 0.75f}), npy);
    seeds.add(seed(3, Files.readAllBytes(npy)));
    Path checkpoint = checkpoint();
    seeds.add(seed(4, Files.readAllBytes(checkpoint.resolve("state.json"))));
    seeds.add(seed(5, Files.readAllBytes(checkpoint.resolve("manifest.json"))));
    seeds.add(seed(6, Files.readAllBytes(checkpoint.resolve("variables.index"))));
    seeds.add(seed(7, featureManifest()));
    seeds.add(seed(8, exportManifest()));
    seeds.add(seed(9, savedModel()));
    seeds.add(seed(10, """
        {"state":"running","step":40,"totalSteps":600,"pid":1,"host":"localhost","startMillis":-1}
        """.getBytes(StandardCharsets.UTF_8)));
    return seeds.stream();
  }

  private static byte[] seed(int parser, byte[] content) {
    byte[] seed = new byte[content.length + 1];
    seed[0] = (byte) parser;
    System.arraycopy(content, 0, seed, 1, content.length);
    return seed;
  }

  private static byte[] idx(int magic, int[] dimensions, byte[] body) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + body.length).putInt(magic);
    for (int dimension : dimensions) {
      buffer.putInt(dimension);
    }
    return buffer.put(body).array();
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  /** A checkpoint of a graph with two variables, as the checkpointer writes it. */
  private static Path checkpoint() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      tf.withName("generator.dense.kernel").variable(tf.constant(new float[][] {{1, 2}, {3, 4}}));
      tf.withName("generator.dense.bias").variable(tf.constant(new float[] {0.5f, -0.5f}));
      session.initialize();
      return new Checkpointer(scratch.resolve("checkpoints"), 3).save(session, new TrainingState(7, 14, 0.5, 1)).directory();
    }
  }

  private static byte[] featureManifest() throws IOException {
    FeatureNetworkManifest manifest = new FeatureNetworkManifest(1, "mnist-train", "mnist-test", "ab".repeat(32), 28, 28, 1,
        10, ClassifierTraining.DEFAULT, 60000, 10000, 0.99, 170.5, "2026-01-01T00:00:00Z",
        Map.of("variables.index", "cd".repeat(32)));
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(manifest);
  }

  private static byte[] exportManifest() throws IOException {
    Path directory = Files.createDirectories(scratch.resolve("export-manifest"));
    new ExportManifest(ExportManifest.FORMAT_VERSION, "gan", 8, new ImageShape(28, 28, 1), PixelRange.SYMMETRIC,
        "/runs/gan", 100, 42, "serve", "serving_default", "latent", "images").write(directory);
    return Files.readAllBytes(directory.resolve(ExportManifest.FILE_NAME));
  }

  /** A small generator exported as gen4j exports: latent in, a dense layer, images in [0, 1] out. */
  private static byte[] savedModel() throws IOException {
    Path directory = scratch.resolve("saved-model");
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> latent = tf.withName("latent").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, 2)));
      Variable<TFloat32> kernel = tf.withName("generator.kernel").variable(tf.constant(new float[][] {{1, 0, 0, 1}, {0, 1, 1, 0}}));
      var images = tf.withName("images").clipByValue(
          tf.reshape(tf.math.sigmoid(tf.linalg.matMul(latent, kernel)), tf.constant(new long[] {-1, 2, 2, 1})),
          tf.constant(0f), tf.constant(1f));
      session.initialize();
      SavedModelBundle.exporter(directory.toString())
          .withTags("serve")
          .withFunction(SessionFunction.create(
              Signature.builder().key("serving_default").input("latent", latent).output("images", images).build(), session))
          .export();
    }
    return Files.readAllBytes(directory.resolve(SavedModelCheck.FILE_NAME));
  }

  private static Path file(String name, byte[] content) {
    try {
      return Files.write(scratch.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
