package io.gen4j.train.listeners;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends one JSON object per logged step to {@code metrics.jsonl}: {@code step}, {@code epoch}, every
 * metric averaged over the interval, and {@code images_per_second}; and one per warning: {@code step},
 * {@code warning} (its kind) and {@code message}. When a run resumes (or rolls back) to a checkpoint,
 * metric lines after the checkpoint's step are dropped first, so the file tells one consistent history;
 * warnings are kept.
 */
public final class MetricsFileWriter implements TrainingListener {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path file;

  public MetricsFileWriter(Path file) {
    this.file = requireNonNull(file, "file is null");
  }

  @Override
  public void onStart(TrainingStarted event) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode node = line.isBlank() ? null : JSON.readTree(line);
        if (node != null && (node.has("warning") || node.path("step").asLong() <= event.firstStep())) {
          kept.add(line);
        }
      }
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temporary, kept, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onWarning(TrainingWarning event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("step", event.step());
    line.put("warning", event.kind());
    line.put("message", event.message());
    append(line);
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
