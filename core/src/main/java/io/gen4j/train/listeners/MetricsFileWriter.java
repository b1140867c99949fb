package io.gen4j.train.listeners;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per logged step to {@code metrics.jsonl}: {@code step}, {@code epoch}, every
 * metric averaged over the interval, and {@code images_per_second}; and one per scoring of the held-out
 * split, told apart by its {@code evaluation} key (the dataset, e.g. {@code mnist-test}): {@code step},
 * {@code evaluation}, {@code images}, {@code protocol} and every score's mean.
 */
public final class MetricsFileWriter implements TrainingListener {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path file;

  public MetricsFileWriter(Path file) {
    this.file = requireNonNull(file, "file is null");
  }

  @Override
  public void afterStep(StepCompleted event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("step", event.step());
    line.put("epoch", event.epoch());
    event.metrics().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(metric -> line.put(metric.getKey(), metric.getValue()));
    line.put("images_per_second", Math.round(event.imagesPerSecond() * 10) / 10.0);
    append(line);
  }

  @Override
  public void onEvaluation(EvaluationCompleted event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("step", event.step());
    line.put("evaluation", event.dataset());
    line.put("images", event.images());
    line.put("protocol", event.protocol());
    event.metrics().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(metric -> line.put(metric.getKey(), metric.getValue()));
    append(line);
  }

  private void append(ObjectNode line) {
    try {
      Files.writeString(
          file,
          JSON.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }
}
