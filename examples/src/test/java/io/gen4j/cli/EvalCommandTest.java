package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j eval}'s argument checks and user errors (nothing here trains a feature network). */
class EvalCommandTest {

  @TempDir Path directory;

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void needsExactlyOneSource() {
    assertThat(run("eval").err()).contains("Missing required argument");
    Outcome both = run("eval", "--run", "a", "--samples", "b.npy");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aMissingOrMalformedSamplesFileIsAOneLineUsageError() throws Exception {
    Path missing = directory.resolve("missing.npy");
    Outcome outcome = run("eval", "--samples", missing.toString());
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("gen4j: " + missing + ": no such file" + System.lineSeparator());

    Path text = directory.resolve("text.npy");
    Files.writeString(text, "not numpy");
    Outcome malformed = run("eval", "--samples", text.toString());
    assertThat(malformed.status()).isEqualTo(2);
    assertThat(malformed.err()).isEqualTo(
        "gen4j: " + text + ": not a NumPy .npy file (it does not start with \\x93NUMPY)" + System.lineSeparator());
  }

  @Test
  void aDirectoryThatIsNotARunIsAUsageError() {
    Outcome outcome = run("eval", "--run", directory.toString());
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo(
        "gen4j: " + directory + ": not a gen4j run directory (no config.json)" + System.lineSeparator());
  }

  @Test
  void datasetAndOutGoWithSamplesOnly() {
    Outcome dataset = run("eval", "--run", directory.toString(), "--dataset", "mnist");
    assertThat(dataset.status()).isEqualTo(2);
    assertThat(dataset.err()).contains("--dataset goes with --samples or --reference; --run uses the run's dataset");
    Outcome out = run("eval", "--reference", "--out", "x.json");
    assertThat(out.status()).isEqualTo(2);
    assertThat(out.err()).contains("--out goes with --samples; --run writes DIR/eval.json");
  }
}
