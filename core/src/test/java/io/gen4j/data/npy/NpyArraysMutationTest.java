package io.gen4j.data.npy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.data.DatasetException;
import io.gen4j.data.Mutations;
import io.gen4j.data.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged .npy files only ever raise {@link DatasetException}. */
class NpyArraysMutationTest {

  private static final int MUTANTS = 300;

  @TempDir Path directory;

  @Test
  void damagedArraysRaiseDatasetExceptionsOnly() throws IOException {
    byte[] floats = TestFiles.npy("<f4", false, "(2, 2, 2, 3)",
        TestFiles.float32(0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f, 0f, 0f, 0.1f, 0.2f, 0.3f, 0.4f,
            0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f, 0f));
    byte[] bytes = TestFiles.npy("|u1", false, "(3, 2, 2)", new byte[12]);
    byte[] labels = TestFiles.npy("<i8", false, "(3,)", TestFiles.int64(0, 1, 2));
    Path file = directory.resolve("mutant.npy");
    int accepted = 0;
    for (List<byte[]> mutants : List.of(Mutations.of(floats, MUTANTS, 1), Mutations.of(bytes, MUTANTS, 2),
        Mutations.of(labels, MUTANTS, 3))) {
      for (byte[] mutant : mutants) {
        Files.write(file, mutant);
        try {
          NpyArrays.readImages(file, header -> (index, image) -> {});
          accepted++;
        } catch (DatasetException expected) {
          assertThat(expected.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        }
        try {
          NpyArrays.readLabels(file);
          accepted++;
        } catch (DatasetException expected) {
          assertThat(expected.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        }
      }
    }
    assertThat(accepted).as("some mutants are still valid arrays").isPositive();
  }
}
