package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BatchOrderTest {

  @Test
  void dropsTheIncompleteLastBatch() {
    BatchOrder order = new BatchOrder(105, 10, 1);

    assertThat(order.batchesPerEpoch()).isEqualTo(10);
    assertThat(order.epoch(9)).isZero();
    assertThat(order.epoch(10)).isEqualTo(1);
  }

  @Test
  void sameSeedGivesSameBatches() {
    BatchOrder first = new BatchOrder(100, 10, 42);
    BatchOrder second = new BatchOrder(100, 10, 42);
    BatchOrder other = new BatchOrder(100, 10, 43);

    for (long batch = 0; batch < 30; batch++) {
      assertThat(first.indices(batch)).isEqualTo(second.indices(batch));
    }
    assertThat(other.indices(0)).isNotEqualTo(first.indices(0));
  }

  @Test
  void eachEpochCoversDistinctIndices() {
    BatchOrder order = new BatchOrder(105, 10, 7);

    for (long epoch = 0; epoch < 3; epoch++) {
      int[] seen = epochIndices(order, epoch);
      assertThat(seen).hasSize(100).doesNotHaveDuplicates();
      assertThat(IntStream.of(seen)).allMatch(index -> index >= 0 && index < 105);
    }
  }

  @Test
  void epochsHaveDifferentPermutations() {
    BatchOrder order = new BatchOrder(100, 10, 7);

    assertThat(epochIndices(order, 0))
        .isNotEqualTo(epochIndices(order, 1))
        .isNotEqualTo(IntStream.range(0, 100).toArray());
    assertThat(epochIndices(order, 1)).isNotEqualTo(epochIndices(order, 2));
  }

  @Test
  void resumingAtABatchSeesTheSameBatchesAsRunningThrough() {
    BatchOrder uninterrupted = new BatchOrder(1000, 32, 2024);
    int[][] sequence =
        LongStream.range(0, 200).mapToObj(uninterrupted::indices).toArray(int[][]::new);

    for (long batch : new long[] {157, 31, 93, 0, 199, 62}) {
      BatchOrder resumed = new BatchOrder(1000, 32, 2024);
      assertThat(resumed.indices(batch)).isEqualTo(sequence[(int) batch]);
    }
  }

  @Test
  void rejectsBatchesLargerThanTheDataset() {
    assertThatThrownBy(() -> new BatchOrder(100, 128, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "batch size 128 is larger than the dataset (100 images): an epoch would have no full"
                + " batch");
    assertThatThrownBy(() -> new BatchOrder(100, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch size must be at least 1, got 0");
    assertThatThrownBy(() -> new BatchOrder(100, 10, 0).indices(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch number must not be negative, got -1");
  }

  private static int[] epochIndices(BatchOrder order, long epoch) {
    long first = epoch * order.batchesPerEpoch();
    return LongStream.range(first, first + order.batchesPerEpoch())
        .mapToObj(order::indices)
        .flatMapToInt(Arrays::stream)
        .toArray();
  }
}
