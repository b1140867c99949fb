package io.gen4j.data.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.data.DatasetException;
import io.gen4j.data.Mutations;
import io.gen4j.data.cache.PreparedCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged CIFAR-10 archives (the gzip and the tar inside it) only ever raise {@link DatasetException}. */
class CifarArchiveMutationTest {

  private static final int MUTANTS = 150;

  @TempDir Path directory;

  @Test
  void damagedArchivesRaiseDatasetExceptionsOnly() throws IOException {
    byte[] archive = ArchiveDatasetTest.cifarArchive();
    byte[] tar = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(archive)).readAllBytes();
    PreparedCache cache = new PreparedCache(directory.resolve("cache"));
    Path file = directory.resolve("mutant.tar.gz");
    int accepted = 0;
    int index = 0;
    for (List<byte[]> mutants : List.of(Mutations.of(archive, MUTANTS, 1),
        Mutations.of(tar, MUTANTS, 2).stream().map(io.gen4j.data.TestFiles::gzip).toList())) {
      for (byte[] mutant : mutants) {
        Files.write(file, mutant);
        try {
          cache.open("cifar", "cifar", "key" + index++, writer -> Cifar10Provider.readArchive(file, writer));
          accepted++;
        } catch (DatasetException expected) {
          assertThat(expected.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        }
      }
    }
    assertThat(accepted).as("some mutants (pixel bytes flipped) are still valid archives").isPositive();
  }
}
