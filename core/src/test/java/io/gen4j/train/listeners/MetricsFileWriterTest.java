package io.gen4j.train.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.StepCompleted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileWriterTest {

  @Test
  void stepAndEvaluationLinesAreAppendedAndToldApartByTheEvaluationKey(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("metrics.jsonl");
    MetricsFileWriter writer = new MetricsFileWriter(file);
    writer.afterStep(new StepCompleted(50, 100, 0, Map.of("kl", 2.5), 1000));
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("reconstruction", 80.5);
    scores.put("kl", 20.25);
    writer.onEvaluation(new EvaluationCompleted(100, "mnist-test", 10000, "dynamic binarization", scores));

    assertThat(Files.readAllLines(file)).containsExactly(
        "{\"step\":50,\"epoch\":0,\"kl\":2.5,\"images_per_second\":1000.0}",
        "{\"step\":100,\"evaluation\":\"mnist-test\",\"images\":10000,\"protocol\":\"dynamic binarization\","
            + "\"kl\":20.25,\"reconstruction\":80.5}");
  }
}
