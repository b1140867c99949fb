package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gen4j.data.Gen4jDirectories;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gen4j datasets} and {@code gen4j data list|fetch|import}, with the home in a test folder and a
 * mirror where nothing listens (this machine reaches no dataset host anyway).
 */
class DataCommandTest {

  /** Debian's dataset-fashion-mnist package, when it is installed: the real files. */
  private static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir static Path home;

  private static int closedPort;

  private record Outcome(int status, String out, String err) {}

  @BeforeAll
  static void isolate() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    System.setProperty(Gen4jDirectories.HOME_PROPERTY, home.toString());
    System.setProperty(Gen4jDirectories.MIRROR_PROPERTY, "http://127.0.0.1:" + closedPort + "/mirror");
  }

  @AfterAll
  static void restore() {
    System.clearProperty(Gen4jDirectories.HOME_PROPERTY);
    System.clearProperty(Gen4jDirectories.MIRROR_PROPERTY);
  }

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void listsTheDatasetTypes() {
    Outcome outcome = run("datasets");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).startsWith("Dataset types (data.type):")
        .contains("  cifar10 ", "  emnist ", "  fashion-mnist ", "  folder ", "  idx ", "  kmnist ", "  mnist ", "  npy ");
  }

  @Test
  void listsTheNamedDatasetsWithSizeAndLicence() {
    Outcome outcome = run("data", "list");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).contains(
        "mnist          bundled                   11.4 MB  CC BY-SA 3.0",
        "kmnist         no                        21.2 MB  CC BY-SA 4.0 (ROIS-DS CODH, NIJL)",
        "cifar10        no                       170.1 MB  no licence stated; cite Krizhevsky 2009",
        "(in " + home.resolve("datasets") + ")");
  }

  @Test
  void fetchWithoutNetworkIsOneLineSayingWhatToDo() {
    Outcome outcome = run("data", "fetch", "kmnist");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("gen4j: kmnist: cannot download train-images-idx3-ubyte.gz from http://127.0.0.1:"
        + closedPort + "/mirror/kmnist/train-images-idx3-ubyte.gz: no network (")
        .endsWith("or import files obtained elsewhere with `gen4j data import kmnist FILE...`" + System.lineSeparator())
        .hasLineCount(1);
  }

  @Test
  void refusesAFileThatIsNotPartOfTheDatasetAndNamesWhatIsNotDownloaded() throws IOException {
    Path stranger = Files.writeString(home.resolve("stranger.gz"), "not fashion");

    Outcome outcome = run("data", "import", "fashion-mnist", stranger.toString());
    Outcome bundled = run("data", "fetch", "mnist");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("gen4j: " + stranger + ": SHA-256 ").contains("matches none of fashion-mnist's files")
        .hasLineCount(1);
    assertThat(bundled.status()).isEqualTo(2);
    assertThat(bundled.err()).isEqualTo("gen4j: mnist is not downloaded (it is bundled); named datasets: cifar10, emnist,"
        + " fashion-mnist, kmnist" + System.lineSeparator());
  }

  @Test
  void importsDebiansFashionMnistFilesWhenThePackageIsInstalled() throws IOException {
    assumeTrue(Files.isDirectory(DEBIAN_FASHION_MNIST), "Debian's dataset-fashion-mnist is not installed");
    Path[] files;
    try (var list = Files.list(DEBIAN_FASHION_MNIST)) {
      files = list.filter(file -> file.toString().endsWith(".gz")).sorted().toArray(Path[]::new);
    }
    String[] args = new String[files.length + 3];
    args[0] = "data";
    args[1] = "import";
    args[2] = "fashion-mnist";
    for (int i = 0; i < files.length; i++) {
      args[3 + i] = files[i].toString();
    }

    Outcome outcome = run(args);

    assertThat(outcome.err()).isEmpty();
    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).contains("fashion-mnist is complete");
    assertThat(run("data", "list").out()).contains("fashion-mnist  yes ");
  }
}
