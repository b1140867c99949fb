package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.config.DataConfig;
import io.gen4j.spi.DatasetConfig;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

  @TempDir Path directory;

  /** No fields. */
  record NoFields() implements DatasetConfig {}

  /** Fifty unlabelled 1x1 images and no test split; counts how often it is opened. */
  static final class Unsplit implements DatasetProvider<NoFields> {
    final AtomicInteger opened = new AtomicInteger();

    @Override
    public String spiVersion() {
      return io.gen4j.spi.SpiVersion.CURRENT;
    }

    @Override
    public String name() {
      return "unsplit";
    }

    @Override
    public String description() {
      return "fifty pixels";
    }

    @Override
    public Class<NoFields> configClass() {
      return NoFields.class;
    }

    @Override
    public NoFields defaultConfig() {
      return new NoFields();
    }

    @Override
    public DatasetSplits open(NoFields config, DatasetContext context) {
      opened.incrementAndGet();
      byte[] pixels = new byte[50];
      for (int i = 0; i < 50; i++) {
        pixels[i] = (byte) i;
      }
      return DatasetSplits.trainOnly("pixels", new ImageDataset("pixels", new ImageShape(1, 1, 1), pixels, null, 50));
    }
  }

  /** A plugin with a bug. */
  static final class Broken implements DatasetProvider<NoFields> {
    @Override
    public String spiVersion() {
      return io.gen4j.spi.SpiVersion.CURRENT;
    }

    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String description() {
      return "fails";
    }

    @Override
    public Class<NoFields> configClass() {
      return NoFields.class;
    }

    @Override
    public NoFields defaultConfig() {
      return new NoFields();
    }

    @Override
    public DatasetSplits open(NoFields config, DatasetContext context) {
      throw new NullPointerException("the plugin forgot something");
    }
  }

  private DatasetCatalog catalog(DatasetProvider<?>... providers) {
    Map<String, DatasetProvider<?>> map = new java.util.HashMap<>();
    for (DatasetProvider<?> provider : providers) {
      map.put(provider.name(), provider);
    }
    return new DatasetCatalog(map, TestContexts.in(directory));
  }

  @Test
  void holdsOutATestSplitForADatasetWithoutOneAndOpensItOnce() {
    Unsplit provider = new Unsplit();
    DatasetCatalog catalog = catalog(provider);
    DataConfig data = new DataConfig("unsplit", new NoFields(), 8, 0, 0.2, 5);

    LoadedDataset loaded = catalog.open(data);

    assertThat(loaded.heldOut()).isTrue();
    assertThat(loaded.name()).isEqualTo("pixels");
    assertThat(loaded.test().count()).isEqualTo(10);
    assertThat(loaded.train().count()).isEqualTo(40);
    assertThat(loaded.test().name()).isEqualTo("pixels-heldout");
    assertThat(catalog.open(data.withBatchSize(16).withLimit(20))).isSameAs(loaded);
    assertThat(loaded.training(20).count()).isEqualTo(20);
    assertThat(loaded.training(0)).isSameAs(loaded.train());
    assertThat(provider.opened).hasValue(1);
    assertThat(catalog.open(new DataConfig("unsplit", new NoFields(), 8, 0, 0.2, 6)).test())
        .isNotEqualTo(loaded.test());
    assertThat(loaded.checksum()).isEqualTo(ImageDataset.checksum(loaded.train(), loaded.test()));
  }

  @Test
  void usesTheDatasetsOwnTestSplit() {
    LoadedDataset mnist = catalog(new MnistProvider()).open(DataConfig.DEFAULT);

    assertThat(mnist.heldOut()).isFalse();
    assertThat(mnist.test()).isSameAs(BundledMnist.test());
    assertThat(mnist.train().classNames()).hasSize(10);
  }

  @Test
  void namesAvailableTypesAndWrapsPluginBugs() {
    DatasetCatalog catalog = catalog(new Unsplit(), new Broken());

    assertThatThrownBy(() -> catalog.provider("cifar"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("unknown dataset type 'cifar'; available: broken, unsplit");
    assertThatThrownBy(() -> catalog.open(DataConfig.of("broken", new NoFields())))
        .isInstanceOf(DatasetException.class)
        .hasMessage("dataset type 'broken' (" + Broken.class.getName() + ") failed: the plugin forgot something");
  }
}
