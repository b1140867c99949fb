package io.gen4j.data.download;

import static io.gen4j.data.TestFiles.gzip;
import static io.gen4j.data.TestFiles.idxImages;
import static io.gen4j.data.TestFiles.idxLabels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.data.DatasetException;
import io.gen4j.data.TestContexts;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetSplits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named downloads against a loopback server: a Fashion-MNIST-shaped dataset of a few 2x2 images made
 * here, with its checksums injected.
 */
class NamedDatasetDownloadTest {

  @TempDir Path directory;

  private final LoopbackServer server = new LoopbackServer();
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  NamedDatasetDownloadTest() {
    byte[] trainPixels = new byte[3 * 4];
    for (int i = 0; i < trainPixels.length; i++) {
      trainPixels[i] = (byte) (10 * i);
    }
    files.put(MnistLikeProvider.TRAIN_IMAGES, gzip(idxImages(3, 2, 2, trainPixels)));
    files.put(MnistLikeProvider.TRAIN_LABELS, gzip(idxLabels(new byte[] {9, 0, 4})));
    files.put(MnistLikeProvider.TEST_IMAGES, gzip(idxImages(2, 2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    files.put(MnistLikeProvider.TEST_LABELS, gzip(idxLabels(new byte[] {1, 2})));
    files.forEach((name, content) -> server.serve("/official/" + name, content));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tiny dataset's files with their real sizes and checksums (content checksums too). */
  private List<RemoteFile> remoteFiles() {
    List<RemoteFile> remote = new ArrayList<>();
    files.forEach((name, content) -> remote.add(new RemoteFile(name, content.length, sha256(content),
        sha256(gunzip(content)))));
    return remote;
  }

  private static byte[] gunzip(byte[] content) {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(content))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FashionMnistProvider provider(String base) {
    return new FashionMnistProvider(FashionMnistProvider.DATASET.withOfficialBase(base).withFiles(remoteFiles()),
        new Downloader(Duration.ofSeconds(2), Duration.ofSeconds(5)));
  }

  private DatasetContext context() {
    return TestContexts.in(directory);
  }

  private Path downloaded(String name) {
    return context().downloads().resolve("fashion-mnist").resolve(name);
  }

  @Test
  void downloadsVerifiesCachesAndAfterwardsNeedsNoNetwork() {
    DatasetSplits splits = provider(server.url("/official")).open(NamedDatasetConfig.DEFAULT, context());

    assertThat(splits.name()).isEqualTo("fashion-mnist");
    assertThat(splits.train().count()).isEqualTo(3);
    assertThat(splits.train().image(1)).containsExactly(40, 50, 60, 70);
    assertThat(splits.train().labels()).containsExactly(9, 0, 4);
    assertThat(splits.train().classNames()).hasSize(10).startsWith("T-shirt/top");
    assertThat(splits.test().orElseThrow().labels()).containsExactly(1, 2);
    assertThat(server.requests()).hasSize(4);
    files.forEach((name, content) -> assertThat(downloaded(name)).hasBinaryContent(content));
    assertThat(downloaded(MnistLikeProvider.TRAIN_IMAGES + ".part")).doesNotExist();

    server.close();
    DatasetSplits cached = provider(server.url("/official")).open(NamedDatasetConfig.DEFAULT, context());

    assertThat(cached.train()).isEqualTo(splits.train());
  }

  @Test
  void resumesATransferCutMidFileWithARangeRequest() {
    String path = "/official/" + MnistLikeProvider.TRAIN_IMAGES;
    server.cut(path, 1, 20);

    DatasetSplits splits = provider(server.url("/official")).open(NamedDatasetConfig.DEFAULT, context());

    assertThat(splits.train().count()).isEqualTo(3);
    assertThat(server.requests(path)).extracting(LoopbackServer.Request::range).containsExactly(null, "bytes=20-");
    assertThat(downloaded(MnistLikeProvider.TRAIN_IMAGES)).hasBinaryContent(files.get(MnistLikeProvider.TRAIN_IMAGES));
  }

  @Test
  void keepsWhatArrivedWhenTransfersKeepBreakingAndResumesInTheNextFetch() {
    String path = "/official/" + MnistLikeProvider.TRAIN_IMAGES;
    server.cut(path, Downloader.ATTEMPTS, 8);
    FashionMnistProvider provider = provider(server.url("/official"));

    assertThatThrownBy(() -> provider.fetch(context()))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("fashion-mnist: the download of train-images-idx3-ubyte.gz from " + server.url(path)
            + " broke off 4 times (")
        .hasMessageEndingWith("); 32 of " + files.get(MnistLikeProvider.TRAIN_IMAGES).length + " bytes are kept in "
            + downloaded(MnistLikeProvider.TRAIN_IMAGES + ".part") + ": run `gen4j data fetch fashion-mnist` to resume");
    assertThat(downloaded(MnistLikeProvider.TRAIN_IMAGES)).doesNotExist();
    assertThat(downloaded(MnistLikeProvider.TRAIN_IMAGES + ".part")).hasSize(32);

    provider.fetch(context());

    assertThat(server.requests(path).get(Downloader.ATTEMPTS).range()).isEqualTo("bytes=32-");
    assertThat(downloaded(MnistLikeProvider.TRAIN_IMAGES)).hasBinaryContent(files.get(MnistLikeProvider.TRAIN_IMAGES));
  }

  @Test
  void removesAFileWithTheWrongChecksumAndSaysWhatToDo() {
    byte[] tampered = files.get(MnistLikeProvider.TRAIN_LABELS).clone();
    tampered[tampered.length - 5] ^= 1;
    server.serve("/official/" + MnistLikeProvider.TRAIN_LABELS, tampered);

    assertThatThrownBy(() -> provider(server.url("/official")).fetch(context()))
        .isInstanceOf(DatasetException.class)
        .hasMessage("fashion-mnist: train-labels-idx1-ubyte.gz from " + server.url("/official/train-labels-idx1-ubyte.gz")
            + " has SHA-256 " + sha256(tampered) + ", expected " + sha256(files.get(MnistLikeProvider.TRAIN_LABELS))
            + "; the file was removed: run `gen4j data fetch fashion-mnist` again, or import a good copy with `gen4j"
            + " data import fashion-mnist FILE`");
    assertThat(downloaded(MnistLikeProvider.TRAIN_LABELS)).doesNotExist();
    assertThat(downloaded(MnistLikeProvider.TRAIN_LABELS + ".part")).doesNotExist();
  }

  @Test
  void reportsAServerErrorInOneLine() {
    server.fail("/official/" + MnistLikeProvider.TRAIN_IMAGES, 503);

    assertThatThrownBy(() -> provider(server.url("/official")).fetch(context()))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("fashion-mnist: cannot download train-images-idx3-ubyte.gz from "
            + server.url("/official/train-images-idx3-ubyte.gz") + ": HTTP 503")
        .hasMessageContaining("`gen4j data import fashion-mnist FILE...`")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void downloadsFromAMirrorOfTheEnvironmentOrOfTheConfig() {
    files.forEach((name, content) -> server.serve("/mirror/fashion-mnist/" + name, content));
    String offline = "http://127.0.0.1:" + LoopbackServer.closedPort() + "/official";

    provider(offline).fetch(context().withMirror(Optional.of(server.url("/mirror"))));

    assertThat(server.requests()).extracting(LoopbackServer.Request::path)
        .allMatch(path -> path.startsWith("/mirror/fashion-mnist/")).hasSize(4);

    DatasetSplits splits = provider(offline).open(new NamedDatasetConfig(server.url("/mirror/")), TestContexts.in(directory.resolve("other")));

    assertThat(splits.train().count()).isEqualTo(3);
    assertThat(server.requests()).hasSize(8).allMatch(request -> request.path().startsWith("/mirror/fashion-mnist/"));
  }

  @Test
  void withoutNetworkSaysHowToFetchOrImport() {
    String offline = "http://127.0.0.1:" + LoopbackServer.closedPort() + "/official";

    assertThatThrownBy(() -> provider(offline).open(NamedDatasetConfig.DEFAULT, context()))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("fashion-mnist: cannot download train-images-idx3-ubyte.gz from " + offline
            + "/train-images-idx3-ubyte.gz: no network (ConnectException: ")
        .hasMessageEndingWith("fetch it where there is network with `gen4j data fetch fashion-mnist`, set GEN4J_MIRROR"
            + " (or data.mirror) to a mirror, or import files obtained elsewhere with `gen4j data import fashion-mnist"
            + " FILE...`")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void importsFilesObtainedElsewhereRecompressedOrRawAndRefusesOthers() throws IOException {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));
    Path original = Files.write(elsewhere.resolve("a.gz"), files.get(MnistLikeProvider.TRAIN_IMAGES));
    byte[] rawLabels = gunzip(files.get(MnistLikeProvider.TRAIN_LABELS));
    Path raw = Files.write(elsewhere.resolve("labels"), rawLabels);
    Path recompressed = Files.write(elsewhere.resolve("t10k.gz"), recompress(files.get(MnistLikeProvider.TEST_IMAGES)));
    Path testLabels = Files.write(elsewhere.resolve("tl.gz"), files.get(MnistLikeProvider.TEST_LABELS));
    Path stranger = Files.write(elsewhere.resolve("stranger.gz"), gzip(new byte[] {1, 2, 3}));
    FashionMnistProvider provider = provider("http://127.0.0.1:" + LoopbackServer.closedPort() + "/official");
    DatasetDownloads downloads = provider.downloads(context());

    assertThatThrownBy(() -> downloads.importFiles(List.of(original, stranger)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(stranger + ": SHA-256 " + sha256(Files.readAllBytes(stranger)) + " matches none of fashion-mnist's"
            + " files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
            + " t10k-labels-idx1-ubyte.gz); expected the files as published, or their content uncompressed or"
            + " compressed otherwise");
    assertThat(downloads.present()).isEmpty();

    List<RemoteFile> imported = downloads.importFiles(List.of(original, raw, recompressed, testLabels));

    assertThat(imported).extracting(RemoteFile::name).containsExactly(MnistLikeProvider.TRAIN_IMAGES,
        MnistLikeProvider.TRAIN_LABELS, MnistLikeProvider.TEST_IMAGES, MnistLikeProvider.TEST_LABELS);
    DatasetSplits splits = provider.open(NamedDatasetConfig.DEFAULT, context());
    assertThat(splits.train().labels()).containsExactly(9, 0, 4);
    assertThat(splits.test().orElseThrow().image(1)).containsExactly(5, 6, 7, 8);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void removesADamagedDownloadBeforeReadingIt() throws IOException {
    FashionMnistProvider provider = provider(server.url("/official"));
    provider.fetch(context());
    Path labels = downloaded(MnistLikeProvider.TEST_LABELS);
    Files.write(labels, new byte[] {1, 2, 3});

    assertThatThrownBy(() -> provider.open(NamedDatasetConfig.DEFAULT, context()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(labels + ": does not match the SHA-256 of fashion-mnist's t10k-labels-idx1-ubyte.gz ("
            + sha256(files.get(MnistLikeProvider.TEST_LABELS)) + "); the file was removed: run `gen4j data fetch"
            + " fashion-mnist` again, or import a good copy with `gen4j data import fashion-mnist FILE`");
    assertThat(labels).doesNotExist();
  }

  /** The same content in another gzip wrapping (as Debian repacks Fashion-MNIST): another time stamp. */
  private static byte[] recompress(byte[] gzip) {
    byte[] other = gzip.clone();
    other[4] ^= 1;
    assertThat(sha256(other)).isNotEqualTo(sha256(gzip));
    return other;
  }
}
