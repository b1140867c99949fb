package io.gen4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The layer plan derived from the config and the image shape. */
class DcganArchitectureTest {

  /** The defaults with these filters; null chooses them by image size. */
  private static DcganConfig withFilters(List<Integer> generator, List<Integer> discriminator) {
    DcganConfig base = DcganConfig.DEFAULT;
    return new DcganConfig(base.latentSize(), Optional.ofNullable(generator), Optional.ofNullable(discriminator),
        base.kernelSize(), base.dropout(), base.leakySlope(), base.batchNormMomentum(), StandardLoss.NON_SATURATING, LipschitzConstraint.NONE,
        base.gradientPenaltyWeight(), base.clipValue(), 1, Optional.empty(), base.stabilizers());
  }

  @Test
  void mnistKeepsItsSevenBySevenStartWithAStrideOneStage() {
    DcganArchitecture plan = DcganArchitecture.of(DcganConfig.DEFAULT, ImageShape.MNIST);
    assertThat(plan).isEqualTo(new DcganArchitecture(List.of(256, 128, 64), 1, 7, 7, List.of(64, 128)));
    assertThat(plan.upsamplings()).isEqualTo(2);
  }

  @Test
  void thirtyTwoByThirtyTwoStartsAtFourByFourWithThreeUpsamplings() {
    DcganArchitecture plan = DcganArchitecture.of(DcganConfig.DEFAULT, new ImageShape(32, 32, 3));
    assertThat(plan).isEqualTo(new DcganArchitecture(List.of(256, 128, 64), 2, 4, 4, List.of(64, 128, 256)));
    assertThat(plan.upsamplings()).isEqualTo(3);
  }

  @Test
  void sixtyFourBySixtyFourStartsAtFourByFourWithFourUpsamplings() {
    DcganArchitecture plan = DcganArchitecture.of(DcganConfig.DEFAULT, new ImageShape(64, 64, 3));
    assertThat(plan).isEqualTo(
        new DcganArchitecture(List.of(512, 256, 128, 64), 2, 4, 4, List.of(64, 128, 256, 512)));
    assertThat(plan.upsamplings()).isEqualTo(4);
  }

  @Test
  void explicitFiltersSetTheDepthAndTheStartFollows() {
    DcganArchitecture plan =
        DcganArchitecture.of(withFilters(List.of(64, 32, 16), List.of(8)), new ImageShape(64, 48, 3));
    assertThat(plan).isEqualTo(new DcganArchitecture(List.of(64, 32, 16), 2, 8, 6, List.of(8)));
    DcganArchitecture mnist = DcganArchitecture.of(withFilters(List.of(16, 8), null), ImageShape.MNIST);
    assertThat(mnist).isEqualTo(new DcganArchitecture(List.of(16, 8), 2, 7, 7, List.of(64, 128)));
  }

  @Test
  void sidesThatNoStartSizeReachesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> DcganArchitecture.of(DcganConfig.DEFAULT, new ImageShape(30, 30, 3)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("model.generatorFilters: 3 channel counts make 3 upsamplings (or 2 with a stride-1 stage), which"
            + " need image sides divisible by 8 (or 4), got 30x30x3; list fewer channel counts");
    assertThatThrownBy(() -> DcganArchitecture.of(withFilters(List.of(8), null), new ImageShape(27, 27, 1)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("model.generatorFilters: dcgan upsamples at least once, which needs even image sides, got 27x27x1");
  }
}
