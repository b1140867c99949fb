package io.gen4j.train.listeners;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one JSON object per logged step to {@code metrics.jsonl}: {@code step}, {@code epoch}, every
 * metric averaged over the interval (a metric that only some updates compute, such as a lazy term's, over
 * the steps that computed it, and left out of a line whose interval computed it nowhere), and {@code
 * images_per_second}; one per scoring of the held-out
 * split, told apart by its {@code evaluation} key (the dataset, e.g. {@code mnist-test}): {@code step},
 * {@code evaluation}, {@code images}, {@code protocol} and every score's mean; and one per warning:
 * {@code step}, {@code warning} (its kind) and {@code message}. When a run resumes (or rolls back) to a
 * checkpoint, metric and evaluation lines after the checkpoint's step are dropped first, so the file
 * tells one consistent history; warnings are kept. A torn last line (what a full disk or a power loss
 * leaves) is dropped then too, with a warning in the log; any other line that is not JSON is an error
 * naming it. Each line is written whole with one append, and a failed append is cut back off, so the
 * writer itself never leaves half a line.
 */
public final class MetricsFileWriter implements TrainingListener {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsFileWriter.class);
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
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(text.lines().toList());
      boolean complete = text.isEmpty() || text.endsWith("\n");
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        boolean last = i == lines.size() - 1;
        JsonNode node;
        try {
          node = line.isBlank() ? null : JSON.readTree(line);
        } catch (JsonProcessingException e) {
          node = null;
          if (!last) {
            throw new IllegalArgumentException(file + ": line " + (i + 1) + " is not JSON; remove or repair it to resume", e);
          }
        }
        if (last && (node == null && !line.isBlank() || !complete)) {
          LOG.warn("{}: dropped a torn last line ({} characters, e.g. from a full disk or a crash)", file, line.length());
          continue;
        }
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

  /** Appends one whole line; if the append fails part-way, the file is cut back to where it was. */
  private void append(ObjectNode line) {
    ByteBuffer bytes;
    try {
      bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long end = channel.size();
      try {
        while (bytes.hasRemaining()) {
          channel.write(bytes, end + bytes.position());
        }
      } catch (IOException e) {
        channel.truncate(end);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }
}
