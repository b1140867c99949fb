package io.gen4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gen4j.testing.BenchMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The leak check of {@code gen4j bench}: 2,000 training iterations after the warm-up leave the resident
 * memory about where it was. The benchmark runs in a JVM of its own whose heap is fixed and touched up
 * front ({@code -Xms} = {@code -Xmx}, {@code AlwaysPreTouch}), so a growing Java heap cannot pass for a
 * leak and what grows is TensorFlow's or the JVM's native memory. The bound is loose (64 MiB, against a
 * process of several hundred): a leak of a tensor or a result per step would pass it within the run.
 */
class ResidentMemoryGrowthTest {

  @Test
  void residentMemoryStaysFlatOverTwoThousandSteps() throws Exception {
    assumeTrue(ResidentMemory.currentBytes().isPresent(), "this system reports no resident memory");
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
            "-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "tiny-gan", "32", "100", "2000")
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    String line = output.lines().filter(text -> text.startsWith("rss ")).findFirst().orElseThrow();
    String[] figures = line.split(" ");
    long afterWarmup = Long.parseLong(figures[1]);
    long atEnd = Long.parseLong(figures[2]);
    System.out.printf("resident memory after warm-up %d MiB, after 2000 iterations %d MiB%n", afterWarmup >> 20, atEnd >> 20);
    assertThat(atEnd - afterWarmup).as("growth over 2000 iterations").isLessThan(64L << 20);
  }
}
