package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing {@code manifest.json}: strict, but a manifest from before rotation networks still reads. */
class FeatureNetworkManifestTest {

  /** A manifest as gen4j wrote it before it had rotation networks: no {@code task}. */
  private static final String WITHOUT_TASK = """
      {
        "architectureVersion" : 1,
        "dataset" : "mnist-train",
        "testDataset" : "mnist-test",
        "datasetChecksum" : "e6ff5d16306d5735ab8b7154844438ef3d477c82fe2f46ab926c341ec0481163",
        "height" : 28,
        "width" : 28,
        "channels" : 1,
        "classes" : 10,
        "training" : {
          "epochs" : 3,
          "fineTuningEpochs" : 1,
          "batchSize" : 64,
          "learningRate" : 0.001,
          "seed" : 1,
          "limit" : 0
        },
        "trainImages" : 60000,
        "testImages" : 10000,
        "testAccuracy" : 0.9931,
        "trainingSeconds" : 83.461474251,
        "created" : "2026-12-03T19:07:16.059816494Z",
        "files" : {
          "variables.index" : "e497406c6d006821d83a785b342e2503d891f3656faea019b8e6d969838366d0"
        }
      }""";

  private static FeatureNetworkManifest parse(String json) {
    return FeatureNetworkManifest.parse(json.getBytes(StandardCharsets.UTF_8), "manifest.json");
  }

  @Test
  void aManifestWithoutATaskIsAClassifiers() {
    FeatureNetworkManifest manifest = parse(WITHOUT_TASK);
    assertThat(manifest.task()).isEqualTo(FeatureTask.CLASSES);
    assertThat(manifest.classes()).isEqualTo(10);
    assertThat(manifest.training()).isEqualTo(ClassifierTraining.DEFAULT);
  }

  @Test
  void aRotationManifestReadsBackAsWritten() throws Exception {
    FeatureNetworkManifest rotation = new FeatureNetworkManifest(1, FeatureTask.ROTATION, "emoji-train", "emoji-test",
        "ab".repeat(32), 64, 64, 3, 4, ClassifierTraining.DEFAULT, 900, 100, 0.93, 60.5, "2026-12-03T19:07:16Z",
        Map.of("variables.index", "cd".repeat(32)));
    byte[] json = FeatureNetworkManifest.JSON.writeValueAsBytes(rotation);
    assertThat(FeatureNetworkManifest.parse(json, "manifest.json")).isEqualTo(rotation);
  }

  @Test
  void strictnessStays() {
    assertThatThrownBy(() -> parse(WITHOUT_TASK + " {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("manifest.json: not a feature network manifest: Trailing token");
    assertThatThrownBy(() -> parse(WITHOUT_TASK.replace("\"height\" : 28,", "\"height\" : 28, \"height\" : 29,")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("manifest.json: not a feature network manifest: Duplicate field 'height'");
    assertThatThrownBy(() -> parse(WITHOUT_TASK.replace("\"classes\" : 10,", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Missing creator property 'classes'");
    assertThatThrownBy(() -> parse(WITHOUT_TASK.replace("\"height\" : 28,", "\"task\" : \"colours\", \"height\" : 28,")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("colours");
    assertThatThrownBy(() -> parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("manifest.json: empty");
    assertThatThrownBy(() -> parse("null"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("manifest.json: empty");
  }
}
