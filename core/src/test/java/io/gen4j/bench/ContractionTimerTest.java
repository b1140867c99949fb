package io.gen4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.graph.Contraction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/** A contraction timed alone in chains side by side: its speed follows from its FLOPs and time. */
class ContractionTimerTest {

  @Test
  void aProductTimedAloneReportsItsSpeed() {
    ContractionSpeed speed = new ContractionTimer(ConfigProto.getDefaultInstance(), 2)
        .time(Contraction.matMul(64, 128, 32));
    assertThat(speed.chains()).isEqualTo(2);
    assertThat(speed.repeats()).isGreaterThan(1);
    assertThat(speed.millisPerOp()).isPositive();
    assertThat(speed.gflopsPerSecond())
        .isCloseTo(2.0 * 64 * 128 * 32 / (speed.millisPerOp() / 1e3) / 1e9, Offset.offset(1e-6));
  }
}
