package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code ./gen4j} launcher's filter of TensorFlow's native start-up lines. */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("..", "gen4j").toAbsolutePath().normalize();

  /** Lines as TensorFlow 2.18 prints them (taken from a dcgan run), then lines that must get through. */
  private static final String STDERR = """
      WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
      I0000 00:00:1796323397.194128   10463 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled
      E0000 00:00:1796323386.550438   10196 meta_optimizer.cc:966] remapper failed: INVALID_ARGUMENT: Mutation::Apply error: fanout 'Gradients/LeakyReluGrad_3' exist for missing node 'BiasAdd_2'.
      E0000 00:00:1796323397.385282   10463 meta_optimizer.cc:966] remapper failed: INVALID_ARGUMENT: Mutation::Apply error: fanout 'Gradients/LeakyReluGrad' exist for missing node 'BiasAdd_5'.
      E0000 00:00:1796323397.385282   10463 cuda_driver.cc:152] failed call to cuInit: UNKNOWN ERROR (303)
      gen4j: bad.json: $.data.batchSize: must be at least 1, got 0
      """;

  @Test
  void filtersExactlyTheKnownHarmlessNativeLines() throws IOException, InterruptedException {
    Process filter = new ProcessBuilder("bash", "-c", "source \"$1\" && gen4j_quiet_native", "bash", LAUNCHER.toString())
        .redirectErrorStream(true)
        .start();
    filter.getOutputStream().write(STDERR.getBytes(StandardCharsets.UTF_8));
    filter.getOutputStream().close();
    String passed = new String(filter.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(filter.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(passed).isEqualTo("""
        E0000 00:00:1796323397.385282   10463 cuda_driver.cc:152] failed call to cuInit: UNKNOWN ERROR (303)
        gen4j: bad.json: $.data.batchSize: must be at least 1, got 0
        """);
  }
}
