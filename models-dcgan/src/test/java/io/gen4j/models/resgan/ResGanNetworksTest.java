package io.gen4j.models.resgan;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.Objective;
import io.gen4j.spi.adversarial.AdversarialSettings;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.train.ModelAssembly;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The kernels each image size gets: the generator's start block (the projection's width), one up block per
 * doubling, the discriminator's optimized block, its down blocks and its blocks that keep the size.
 */
class ResGanNetworksTest {

  private static final int LATENT = 5;
  private static final int GENERATOR = 6;
  private static final int DISCRIMINATOR = 4;

  private static ResGanConfig config(int plainBlocks) {
    return new ResGanConfig(LATENT, GENERATOR, DISCRIMINATOR, plainBlocks, StandardLoss.HINGE, LipschitzConstraint.NONE,
        AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT, AdversarialSettings.DEFAULT_CLIP_VALUE, 1, Optional.empty(),
        ResGanConfig.DEFAULT_STABILIZERS);
  }

  /** Kernel shapes by variable name, in creation order, of the network of that name. */
  private static Map<String, Shape> kernels(ResGanConfig config, ImageShape shape, String network) {
    try (ModelAssembly assembly = ModelAssembly.build(new ResGanProvider().create(config), shape, 2, 1, Map.of())) {
      Map<String, Shape> kernels = new LinkedHashMap<>();
      for (Objective objective : assembly.modelGraph().objectives()) {
        if (objective.network().name().equals(network)) {
          for (Variable<TFloat32> variable : objective.network().variables()) {
            if (variable.op().name().endsWith(".kernel")) {
              kernels.put(variable.op().name(), variable.shape());
            }
          }
        }
      }
      return kernels;
    }
  }

  private static Map<String, Shape> generatorKernels(int start, int upBlocks, int imageChannels) {
    Map<String, Shape> expected = new LinkedHashMap<>();
    expected.put("generator.project.kernel", Shape.of(LATENT, (long) start * start * GENERATOR));
    for (int block = 1; block <= upBlocks; block++) {
      expected.put("generator.up" + block + ".conv1.kernel", Shape.of(3, 3, GENERATOR, GENERATOR));
      expected.put("generator.up" + block + ".conv2.kernel", Shape.of(3, 3, GENERATOR, GENERATOR));
    }
    expected.put("generator.output.kernel", Shape.of(3, 3, GENERATOR, imageChannels));
    return expected;
  }

  private static Map<String, Shape> discriminatorKernels(int downBlocks, int plainBlocks, int imageChannels) {
    Map<String, Shape> expected = new LinkedHashMap<>();
    expected.put("discriminator.block1.conv1.kernel", Shape.of(3, 3, imageChannels, DISCRIMINATOR));
    expected.put("discriminator.block1.conv2.kernel", Shape.of(3, 3, DISCRIMINATOR, DISCRIMINATOR));
    expected.put("discriminator.block1.shortcut.kernel", Shape.of(1, 1, imageChannels, DISCRIMINATOR));
    for (int block = 2; block <= downBlocks + plainBlocks; block++) {
      expected.put("discriminator.block" + block + ".conv1.kernel", Shape.of(3, 3, DISCRIMINATOR, DISCRIMINATOR));
      expected.put("discriminator.block" + block + ".conv2.kernel", Shape.of(3, 3, DISCRIMINATOR, DISCRIMINATOR));
      if (block <= downBlocks) {
        expected.put("discriminator.block" + block + ".shortcut.kernel", Shape.of(1, 1, DISCRIMINATOR, DISCRIMINATOR));
      }
    }
    expected.put("discriminator.output.kernel", Shape.of(DISCRIMINATOR, 1));
    return expected;
  }

  @Test
  void mnistStartsAtSevenBySevenWithTwoUpBlocksAndItsCriticHalvesTwice() {
    ImageShape mnist = new ImageShape(28, 28, 1);
    assertThat(kernels(config(2), mnist, "generator")).containsExactlyEntriesOf(generatorKernels(7, 2, 1));
    assertThat(kernels(config(2), mnist, "discriminator")).containsExactlyEntriesOf(discriminatorKernels(2, 2, 1));
  }

  @Test
  void cifarSizeStartsAtFourByFourWithThreeUpBlocksAsSnGan() {
    ImageShape cifar = new ImageShape(32, 32, 3);
    assertThat(kernels(config(2), cifar, "generator")).containsExactlyEntriesOf(generatorKernels(4, 3, 3));
    assertThat(kernels(config(2), cifar, "discriminator")).containsExactlyEntriesOf(discriminatorKernels(2, 2, 3));
  }

  @Test
  void sixtyFourBySixtyFourHasFourUpBlocksAndThreeDownBlocks() {
    ImageShape large = new ImageShape(64, 64, 3);
    assertThat(kernels(config(1), large, "generator")).containsExactlyEntriesOf(generatorKernels(4, 4, 3));
    assertThat(kernels(config(1), large, "discriminator")).containsExactlyEntriesOf(discriminatorKernels(3, 1, 3));
  }

  @Test
  void withoutPlainBlocksTheCriticEndsAfterItsLastDownBlock() {
    assertThat(kernels(config(0), new ImageShape(28, 28, 1), "discriminator"))
        .containsExactlyEntriesOf(discriminatorKernels(2, 0, 1));
  }
}
