package io.gen4j.cli;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.SpiVersion;
import java.util.Map;

/** {@code failing-graph}: a plugin whose model throws while it builds its graph, as a buggy plugin would. */
public final class FailingGraphProvider implements ModelProvider<FailingGraphProvider.Config> {

  /**
   * Its config.
   *
   * @param channels the channels the model insists on
   */
  public record Config(int channels) implements ModelConfig {}

  @Override
  public String name() {
    return "failing-graph";
  }

  @Override
  public String description() {
    return "throws while building its graph";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(3);
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(Config config) {
    return Map.of("generator", OptimizerConfig.Adam.DEFAULT);
  }

  @Override
  public GenerativeModel create(Config config) {
    return new GenerativeModel() {
      @Override
      public PixelRange pixelRange() {
        return PixelRange.UNIT;
      }

      @Override
      public ModelGraph build(GraphContext context) {
        throw new IllegalStateException(
            "the generator needs " + config.channels() + " channels, the images have " + context.imageShape().channels());
      }
    };
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
