package io.gen4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Op types as step statistics name them, oneDNN and Grappler rewrites included, fall in the categories. */
class OpCategoryTest {

  @Test
  void rewrittenAndPlainOpTypesFallInTheirCategories() {
    assertThat(OpCategory.of("MatMul")).isEqualTo(OpCategory.MATMUL);
    assertThat(OpCategory.of("_MklMatMul")).isEqualTo(OpCategory.MATMUL);
    assertThat(OpCategory.of("_FusedMatMul")).isEqualTo(OpCategory.MATMUL);
    assertThat(OpCategory.of("_MklNativeFusedMatMul")).isEqualTo(OpCategory.MATMUL);
    assertThat(OpCategory.of("_MklNativeConv2DBackpropInput")).isEqualTo(OpCategory.CONVOLUTION);
    assertThat(OpCategory.of("Conv2DBackpropFilter")).isEqualTo(OpCategory.CONVOLUTION);
    assertThat(OpCategory.of("BiasAddGrad")).isEqualTo(OpCategory.BIAS_ADD);
    assertThat(OpCategory.of("_MklNativeFusedBatchNormV3")).isEqualTo(OpCategory.BATCH_NORM);
    assertThat(OpCategory.of("FusedBatchNormGradV3")).isEqualTo(OpCategory.BATCH_NORM);
    assertThat(OpCategory.of("LeakyReluGrad")).isEqualTo(OpCategory.ACTIVATION);
    assertThat(OpCategory.of("Tanh")).isEqualTo(OpCategory.ACTIVATION);
    assertThat(OpCategory.of("ApplyAdam")).isEqualTo(OpCategory.OPTIMIZER);
    assertThat(OpCategory.of("ApplyRMSProp")).isEqualTo(OpCategory.OPTIMIZER);
    assertThat(OpCategory.of("StatelessRandomNormal")).isEqualTo(OpCategory.RANDOM);
    assertThat(OpCategory.of("Reshape")).isEqualTo(OpCategory.RESHAPE_COPY);
    assertThat(OpCategory.of("_MklToTf")).isEqualTo(OpCategory.RESHAPE_COPY);
    assertThat(OpCategory.of("Sum")).isEqualTo(OpCategory.REDUCTION);
    assertThat(OpCategory.of("L2Loss")).isEqualTo(OpCategory.REDUCTION);
    assertThat(OpCategory.of("Square")).isEqualTo(OpCategory.ELEMENTWISE);
    assertThat(OpCategory.of("RsqrtGrad")).isEqualTo(OpCategory.ELEMENTWISE);
    assertThat(OpCategory.of("VariableV2")).isEqualTo(OpCategory.BOOKKEEPING);
    assertThat(OpCategory.of("_Retval")).isEqualTo(OpCategory.BOOKKEEPING);
    assertThat(OpCategory.of("SomethingNew")).isEqualTo(OpCategory.OTHER);
  }
}
