package io.gen4j.spi.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.InvalidConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdversarialSettingsTest {

  @Test
  void ofALossGivesTheDefaults() {
    AdversarialSettings settings = AdversarialSettings.of(StandardLoss.HINGE);
    assertThat(settings.loss()).isEqualTo(StandardLoss.HINGE);
    assertThat(settings.constraint()).isEqualTo(LipschitzConstraint.NONE);
    assertThat(settings.gradientPenaltyWeight()).isEqualTo(AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT);
    assertThat(settings.clipValue()).isEqualTo(AdversarialSettings.DEFAULT_CLIP_VALUE);
    assertThat(settings.discriminatorSteps()).isEqualTo(1);
    assertThat(settings.ema()).isEmpty();
  }

  @Test
  void theBuilderReadsAsTheSettingsItMakes() {
    WeightAverageConfig average = new WeightAverageConfig(0.999f, 1000L);
    AdversarialSettings wganGp = AdversarialSettings.builder(StandardLoss.WASSERSTEIN)
        .gradientPenalty(5)
        .discriminatorSteps(5)
        .weightAverage(average)
        .build();
    assertThat(wganGp.constraint()).isEqualTo(LipschitzConstraint.GRADIENT_PENALTY);
    assertThat(wganGp.gradientPenaltyWeight()).isEqualTo(5f);
    assertThat(wganGp.discriminatorSteps()).isEqualTo(5);
    assertThat(wganGp.ema()).contains(average);

    AdversarialSettings clipped = AdversarialSettings.builder(StandardLoss.WASSERSTEIN).weightClipping(0.02f).build();
    assertThat(clipped.constraint()).isEqualTo(LipschitzConstraint.WEIGHT_CLIPPING);
    assertThat(clipped.clipValue()).isEqualTo(0.02f);

    // A config's flat fields map one to one, and give equal settings.
    assertThat(AdversarialSettings.builder(StandardLoss.WASSERSTEIN).constraint(LipschitzConstraint.GRADIENT_PENALTY)
            .gradientPenaltyWeight(5).clipValue(AdversarialSettings.DEFAULT_CLIP_VALUE).discriminatorSteps(5)
            .weightAverage(Optional.of(average)).build())
        .isEqualTo(wganGp)
        .hasSameHashCodeAs(wganGp);
  }

  @Test
  void eachMistakeNamesItsField() {
    assertThatThrownBy(() -> AdversarialSettings.of(null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("loss: is required: minimax, non-saturating, wasserstein, hinge or least-squares");
    assertThatThrownBy(() -> AdversarialSettings.of(StandardLoss.WASSERSTEIN))
        .hasMessage("constraint: the wasserstein loss needs a Lipschitz constraint: gradient-penalty or weight-clipping");
    assertThatThrownBy(() -> AdversarialSettings.builder(StandardLoss.HINGE).weightClipping(0.01f).build())
        .hasMessage("constraint: weight-clipping constrains a Wasserstein critic; it needs loss wasserstein, got hinge");
    assertThatThrownBy(() -> AdversarialSettings.builder(StandardLoss.WASSERSTEIN).gradientPenalty(0).build())
        .hasMessage("gradientPenaltyWeight: must be greater than 0, got 0.0");
    assertThatThrownBy(() -> AdversarialSettings.builder(StandardLoss.WASSERSTEIN).weightClipping(-1).build())
        .hasMessage("clipValue: must be greater than 0, got -1.0");
    assertThatThrownBy(() -> AdversarialSettings.builder(StandardLoss.HINGE).discriminatorSteps(0).build())
        .hasMessage("discriminatorSteps: must be at least 1, got 0");
    assertThatThrownBy(() -> AdversarialSettings.builder(StandardLoss.HINGE).constraint(null))
        .hasMessage("constraint: is required: none, weight-clipping or gradient-penalty");
  }
}
