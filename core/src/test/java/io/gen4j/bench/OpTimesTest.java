package io.gen4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.StepStats;

/** Op times from step statistics: overlapping ops share the wall time, and the shares add up. */
class OpTimesTest {

  @Test
  void opsRunningSideBySideShareTheWallTime() {
    RunMetadata run = RunMetadata.newBuilder()
        .setStepStats(StepStats.newBuilder().addDevStats(DeviceStepStats.newBuilder()
            .setDevice("/job:localhost/replica:0/task:0/device:CPU:0")
            .addNodeStats(node("[mklcpu 0.1MB 0.1MB] dense/MatMul = _MklMatMul(x, w)", 1_000, 0, 100_000))
            .addNodeStats(node("noise = StatelessRandomNormal(shape, key)", 1_000, 50_000, 150_000))
            .addNodeStats(node("ApplyAdam_3 = ApplyAdam(w, m, v, ...)", 201_000, 0, 100_000))))
        .build();
    OpTimes times = new OpTimes();
    times.add(run);
    times.add(run);

    OpProfile profile = times.profile(2, 2_000_000, 0.1, 0.05, 2, 80);

    // MatMul: 50 us alone + 50 us shared with the random op = 75 us; the random op 25 + 50 = 75 us;
    // ApplyAdam 100 us alone: 250 us per run in all.
    assertThat(profile.opMillisPerIteration()).isCloseTo(0.25, Offset.offset(1e-9));
    assertThat(profile.share(OpCategory.MATMUL)).isCloseTo(0.3, Offset.offset(1e-9));
    assertThat(profile.share(OpCategory.RANDOM)).isCloseTo(0.3, Offset.offset(1e-9));
    assertThat(profile.share(OpCategory.OPTIMIZER)).isCloseTo(0.4, Offset.offset(1e-9));
    assertThat(profile.share(OpCategory.BATCH_NORM)).isZero();
    assertThat(profile.categories()).extracting(OpProfile.CategoryTime::category)
        .containsExactly(OpCategory.OPTIMIZER, OpCategory.MATMUL, OpCategory.RANDOM);
    assertThat(profile.opTypes()).extracting(OpProfile.OpTypeTime::type)
        .containsExactly("ApplyAdam", "StatelessRandomNormal", "_MklMatMul");
    // 2 MFLOP in 75 us of matmul time per iteration.
    assertThat(profile.contractionGflopsPerSecond()).isCloseTo(2e6 / 75e-6 / 1e9, Offset.offset(1e-6));
    assertThat(profile.outsideTensorFlowShare()).isCloseTo(0.15, Offset.offset(1e-12));
  }

  private static NodeExecStats node(String label, long startNanos, long opStart, long opEnd) {
    return NodeExecStats.newBuilder()
        .setNodeName(label.substring(label.indexOf(']') + 1, label.indexOf(" = ")).trim())
        .setTimelineLabel(label)
        .setAllStartNanos(startNanos)
        .setOpStartRelNanos(opStart)
        .setOpEndRelNanos(opEnd)
        .setAllEndRelNanos(opEnd)
        .build();
  }
}
