package io.gen4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.data.MnistConfig;
import io.gen4j.data.download.NamedDatasetConfig;
import io.gen4j.data.folder.FolderConfig;
import io.gen4j.data.folder.Interpolation;
import io.gen4j.testing.TinyGanProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The polymorphic {@code data} section: types, the older {@code dataset} form, common fields and errors. */
class DataConfigLoadingTest {

  private static final String MODEL = "\"model\": {\"type\": \"tiny-gan\"}";

  private final TinyGanProvider provider = new TinyGanProvider();
  private final ConfigLoader loader = new ConfigLoader(Map.of(provider.name(), provider));

  private DataConfig data(String data) {
    return loader.parse("{" + MODEL + ", \"data\": " + data + "}", "run.json").data();
  }

  private void assertError(String data, String message) {
    assertThatThrownBy(() -> data(data)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void readsTheOlderDatasetFormAsTheType() {
    assertThat(data("{\"dataset\": \"mnist\", \"batchSize\": 32}"))
        .isEqualTo(new DataConfig("mnist", new MnistConfig(), 32, 0, 0.1, 0));
    assertThat(data("{\"dataset\": \"fashion-mnist\"}"))
        .isEqualTo(DataConfig.of("fashion-mnist", NamedDatasetConfig.DEFAULT));
    assertThat(data("{\"batchSize\": 16}").type()).isEqualTo("mnist");
  }

  @Test
  void readsATypeWithItsFieldsAndTheCommonOnes() {
    DataConfig data = data("""
        {"type": "folder", "path": "/data/emoji", "height": 64, "width": 64, "labels": true,
         "batchSize": 32, "limit": 1000, "testFraction": 0.2, "splitSeed": 9}""");

    assertThat(data).isEqualTo(new DataConfig("folder",
        new FolderConfig("/data/emoji", 64, 64, 3, true, "#ffffff", Interpolation.BILINEAR, false), 32, 1000, 0.2, 9));
    assertThat(data("{\"type\": \"cifar10\", \"mirror\": \"http://mirror.example/gen4j\"}").dataset())
        .isEqualTo(new NamedDatasetConfig("http://mirror.example/gen4j"));
  }

  @Test
  void writesEveryFieldAndReadsItBack() {
    ExperimentConfig config = loader.parse("{" + MODEL + ", \"data\": {\"type\": \"npy\", \"images\": \"x.npy\","
        + " \"classNames\": [\"a\", \"b\"], \"limit\": 5}}", "run.json");

    String json = loader.toJson(config);

    assertThat(json).contains("\"type\" : \"npy\"", "\"images\" : \"x.npy\"", "\"testFraction\" : 0.1",
        "\"splitSeed\" : 0").doesNotContain("\"labels\"");
    assertThat(loader.parse(json, "config.json")).isEqualTo(config);
    ExperimentConfig mnist = loader.parse("{" + MODEL + "}", "run.json");
    assertThat(loader.parse(loader.toJson(mnist), "config.json")).isEqualTo(mnist);
  }

  @Test
  void namesTheFieldAndWhatWasExpected() {
    assertError("{\"type\": \"cifar\"}", "run.json: $.data.type: unknown dataset type 'cifar'; available types: cifar10,"
        + " emnist, fashion-mnist, folder, idx, kmnist, mnist, npy");
    assertError("{\"dataset\": \"svhn\"}", "run.json: $.data.dataset: unknown dataset type 'svhn'; available types:"
        + " cifar10, emnist, fashion-mnist, folder, idx, kmnist, mnist, npy");
    assertError("{\"type\": \"mnist\", \"dataset\": \"mnist\"}",
        "run.json: $.data.dataset: name the dataset type once: 'type' (or the older 'dataset'), not both");
    assertError("{\"type\": 3}", "run.json: $.data.type: expected a dataset type, got the integer 3; available types:"
        + " cifar10, emnist, fashion-mnist, folder, idx, kmnist, mnist, npy");
    assertError("{\"type\": \"folder\", \"size\": 64}", "run.json: $.data.size: unknown field 'size'; known fields of"
        + " dataset type 'folder': background, batchSize, channels, height, interpolation, labels, limit, path,"
        + " splitSeed, strict, testFraction, type, width");
    assertError("{\"type\": \"folder\", \"channels\": 2}", "run.json: $.data.channels: must be 1 (grey) or 3 (RGB), got 2");
    assertError("{\"type\": \"folder\", \"interpolation\": \"lanczos\"}",
        "run.json: $.data.interpolation: expected one of nearest, bilinear, bicubic, got the string \"lanczos\"");
    assertError("{\"testFraction\": 1.5}", "run.json: $.data.testFraction: must be above 0 and below 1, got 1.5");
    assertError("{\"batchSize\": \"64\"}", "run.json: $.data.batchSize: expected an integer, got the string \"64\"");
    assertError("{\"type\": \"fashion-mnist\", \"mirror\": \"ftp://x\"}",
        "run.json: $.data.mirror: expected an http:// or https:// base URL, got 'ftp://x'");
    assertError("{\"type\": \"idx\", \"images\": \"a\", \"testImages\": \"b\", \"labels\": \"c\"}",
        "run.json: $.data.testLabels: required: the train images have labels, so the test images need them too");
  }

  @Test
  void overridesReachDatasetFields() {
    DataConfig data = loader.parse("{" + MODEL + ", \"data\": {\"type\": \"folder\", \"path\": \"a\"}}", "run.json",
        List.of(ConfigOverride.parse("data.path=/b"), ConfigOverride.parse("data.height=32"),
            ConfigOverride.parse("data.width=32"))).data();

    assertThat(((FolderConfig) data.dataset()).path()).isEqualTo("/b");
    assertThat(((FolderConfig) data.dataset()).height()).isEqualTo(32);
  }
}
