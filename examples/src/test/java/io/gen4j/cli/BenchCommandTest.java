package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code gen4j bench}'s thread options: one setting for every row, or a comparison, never both. */
class BenchCommandTest {

  @Test
  void timesEveryRowWithTheGivenThreadPools() {
    StringWriter out = new StringWriter();
    int status = Gen4jCommand.run(new String[] {"bench", "gan", "--synthetic", "--batch-sizes", "8", "--warmup", "1",
        "--iterations", "2", "--thread-pools", "1,2"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

    assertThat(status).isZero();
    assertThat(out.toString()).contains("threads").containsPattern("gan +synthetic +8 +1 +1/2 ");
  }

  @Test
  void refusesThreadPoolsItCannotReadOrAlongsideTheComparison() {
    StringWriter err = new StringWriter();
    assertThat(Gen4jCommand.run(new String[] {"bench", "--thread-pools", "two"}, new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true))).isEqualTo(2);
    assertThat(err.toString())
        .contains("--thread-pools: expected INTRA,INTER (two whole numbers, 0 for TensorFlow's choice), got 'two'");

    StringWriter both = new StringWriter();
    assertThat(Gen4jCommand.run(new String[] {"bench", "--threads", "--thread-pools", "1,1"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(both, true))).isEqualTo(2);
    assertThat(both.toString()).contains("--threads compares thread pools; leave out --thread-pools");
  }
}
