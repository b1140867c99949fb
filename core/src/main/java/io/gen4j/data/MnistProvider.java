package io.gen4j.data;

import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.SpiVersion;

/** {@code mnist}: the MNIST digits bundled in this jar, with their test split and class names. */
public final class MnistProvider implements DatasetProvider<MnistConfig> {

  /** The {@code data.type} of the bundled MNIST, and the default. */
  public static final String NAME = "mnist";

  /** Its config: it has no fields. */
  public static final MnistConfig DEFAULT_CONFIG = new MnistConfig();

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "MNIST handwritten digits, bundled (60,000 train + 10,000 test, 28x28 grey, 10 classes)";
  }

  @Override
  public Class<MnistConfig> configClass() {
    return MnistConfig.class;
  }

  @Override
  public MnistConfig defaultConfig() {
    return DEFAULT_CONFIG;
  }

  @Override
  public DatasetSplits open(MnistConfig config, DatasetContext context) {
    return DatasetSplits.of(NAME, BundledMnist.train(), BundledMnist.test());
  }
}
