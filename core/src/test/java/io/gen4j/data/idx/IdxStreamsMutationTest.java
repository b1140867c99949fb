package io.gen4j.data.idx;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.data.DatasetException;
import io.gen4j.data.Mutations;
import io.gen4j.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Damaged IDX files, raw and gzip, only ever raise {@link DatasetException}. */
class IdxStreamsMutationTest {

  private static final int MUTANTS = 300;

  @Test
  void damagedImageAndLabelFilesRaiseDatasetExceptionsOnly() {
    byte[] pixels = new byte[5 * 6 * 6];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    byte[] images = TestFiles.idxImages(5, 6, 6, pixels);
    byte[] labels = TestFiles.idxLabels(new byte[] {1, 2, 3, 4, 5});
    List<byte[]> mutants = new ArrayList<>();
    mutants.addAll(Mutations.of(images, MUTANTS, 1));
    mutants.addAll(Mutations.of(TestFiles.gzip(images), MUTANTS, 2));
    mutants.addAll(Mutations.of(labels, MUTANTS, 3));
    mutants.addAll(Mutations.of(TestFiles.gzip(labels), MUTANTS, 4));
    int accepted = 0;
    for (byte[] mutant : mutants) {
      try {
        IdxStreams.readImages(new ByteArrayInputStream(mutant), "mutant", mutant.length, header -> (index, image) -> {});
        accepted++;
      } catch (DatasetException expected) {
        assertThat(expected.getMessage()).startsWith("mutant: ").doesNotContain("\n");
      }
      try {
        IdxStreams.readLabels(new ByteArrayInputStream(mutant), "mutant", mutant.length);
        accepted++;
      } catch (DatasetException expected) {
        assertThat(expected.getMessage()).startsWith("mutant: ").doesNotContain("\n");
      }
    }
    assertThat(accepted).as("some mutants (pixel bytes flipped) are still valid files").isPositive();
  }
}
