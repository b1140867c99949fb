package io.gen4j.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path directory;

  @Test
  void writesIntoNewDirectoriesAndReplacesAnExistingFile() throws IOException {
    Path file = directory.resolve("a/b/report.txt");

    AtomicFiles.write(file, "first".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(file, "second".getBytes(StandardCharsets.UTF_8));

    assertThat(file).hasContent("second");
    try (var entries = Files.list(file.getParent())) {
      assertThat(entries).containsExactly(file);
    }
  }

  @Test
  void aWriterThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = directory.resolve("eval.json");
    AtomicFiles.write(file, "good".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> AtomicFiles.write(file, temporary -> {
          Files.writeString(temporary, "half");
          throw new IOException("disk full");
        }))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot write " + file + ": disk full");

    assertThat(file).hasContent("good");
    try (var entries = Files.list(directory)) {
      assertThat(entries).containsExactly(file);
    }
  }
}
