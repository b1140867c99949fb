package io.gen4j.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ModelProvider;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract passes a sound plugin (its inherited tests) and fails, with a sentence, broken ones. */
class ModelContractTestTest extends ModelContractTest<ContractGanProvider.Config> {

  @Override
  protected ModelProvider<ContractGanProvider.Config> provider() {
    return new ContractGanProvider();
  }

  /** The null-field check runs on the provider's defaults even when the test picks another config. */
  @Nested
  class NullDefaults {
    @Test
    void aNullFieldOfTheDefaultsFailsWhateverConfigTheTestUses() {
      ModelContractTest<NullableConfig> contract = new ModelContractTest<>() {
        @Override
        protected ModelProvider<NullableConfig> provider() {
          return new NullDefaultProvider();
        }

        @Override
        protected NullableConfig config() {
          return new NullableConfig(4, 2, List.of(3));
        }
      };
      assertThatThrownBy(contract::defaultConfigHasNoNullField)
          .isInstanceOf(AssertionError.class)
          .hasMessage("null-default's defaultConfig() leaves field 'layers' null: give every field a default"
              + " (Optional.empty() for an optional one), or a config that omits it fails mid-run");
    }

    @Test
    void anUnregisteredProviderFails() {
      ModelContractTest<NullableConfig> contract = new ModelContractTest<>() {
        @Override
        protected ModelProvider<NullableConfig> provider() {
          return new NullDefaultProvider();
        }
      };
      assertThatThrownBy(contract::providerIsRegisteredAndLoadsWithoutProblems)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("model types found through META-INF/services/io.gen4j.spi.ModelProvider")
          .hasMessageContaining("null-default");
    }
  }

  /**
   * The contract GAN's config with one more field.
   *
   * @param latentSize size of z
   * @param discriminatorSteps critic updates per generator update
   * @param layers unused widths
   */
  public record NullableConfig(int latentSize, int discriminatorSteps, List<Integer> layers)
      implements io.gen4j.spi.ModelConfig {}

  /** Its defaults leave {@code layers} null. */
  static final class NullDefaultProvider implements ModelProvider<NullableConfig> {
    private final ContractGanProvider delegate = new ContractGanProvider();

    @Override
    public String name() {
      return "null-default";
    }

    @Override
    public String description() {
      return "defaults with a null field";
    }

    @Override
    public Class<NullableConfig> configClass() {
      return NullableConfig.class;
    }

    @Override
    public NullableConfig defaultConfig() {
      return new NullableConfig(4, 1, null);
    }

    @Override
    public java.util.Map<String, io.gen4j.config.OptimizerConfig> defaultOptimizers(NullableConfig config) {
      return delegate.defaultOptimizers(delegate.defaultConfig());
    }

    @Override
    public io.gen4j.spi.GenerativeModel create(NullableConfig config) {
      return delegate.create(new ContractGanProvider.Config(config.latentSize(), config.discriminatorSteps()));
    }

    @Override
    public String spiVersion() {
      return io.gen4j.spi.SpiVersion.CURRENT;
    }
  }
}
