package io.gen4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.config.ConfigOverride;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.data.LoadedDataset;
import io.gen4j.inject.PluginJar;
import io.gen4j.inject.Plugins;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tensorflow.TensorFlow;

/**
 * A run's {@code provenance.json}: what produced it (gen4j, TensorFlow, Java, OS, thread pools, model,
 * seed) and what it was trained on (the dataset's type, name, content checksum, image shape, split sizes
 * and classes), and the plugin jars whose code made it.
 */
final class RunProvenance {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private RunProvenance() {}

  /**
   * The provenance of a run of {@code config} on {@code training}, the train images of {@code data}, by
   * the code of {@code plugins}, with the command line's overrides of the config file.
   */
  static String json(
      ExperimentConfig config, LoadedDataset data, ImageDataset training, Plugins plugins,
      List<ConfigOverride> overrides) {
    ObjectNode node = JSON.createObjectNode();
    Package gen4j = RunProvenance.class.getPackage();
    node.put("gen4j", Optional.ofNullable(gen4j.getImplementationVersion()).orElse("development build"));
    node.put("tensorflow", TensorFlow.version());
    node.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    node.put("processors", Runtime.getRuntime().availableProcessors());
    ObjectNode threads = node.putObject("threads");
    threads.put("intraOp", config.training().threads().intraOp());
    threads.put("interOp", config.training().threads().interOp());
    node.put("model", config.modelType());
    node.put("seed", config.seed());
    node.put("dataset", training.name());
    node.put("images", training.count());
    node.put("datasetType", data.type());
    node.put("datasetChecksum", data.checksum());
    ObjectNode shape = node.putObject("imageShape");
    shape.put("height", training.shape().height());
    shape.put("width", training.shape().width());
    shape.put("channels", training.shape().channels());
    node.put("testSplit", data.test().name());
    node.put("testImages", data.test().count());
    node.put("testHeldOut", data.heldOut());
    node.put("classes", data.classCount());
    if (!data.train().classNames().isEmpty()) {
      data.train().classNames().forEach(node.putArray("classNames")::add);
    }
    node.put("created", Instant.now().toString());
    if (!overrides.isEmpty()) {
      overrides.forEach(override -> node.withArray("overrides").add(override.toString()));
    }
    node.set("plugins", plugins(node, plugins));
    return node.toPrettyString() + System.lineSeparator();
  }

  /**
   * Every plugin jar loaded besides gen4j's own code, with the model types, trainers and dataset types it provided,
   * its Maven artifact and version when it says, and its SHA-256: what code made the run.
   */
  private static ArrayNode plugins(ObjectNode root, Plugins plugins) {
    Map<PluginJar, ObjectNode> byJar = new LinkedHashMap<>();
    ArrayNode array = root.arrayNode();
    Function<PluginJar, ObjectNode> entry = jar -> byJar.computeIfAbsent(jar, key -> {
      ObjectNode node = array.addObject();
      node.put("jar", key.location().toString());
      key.artifact().ifPresent(artifact -> node.put("artifact", artifact));
      node.put("version", key.version());
      key.sha256().ifPresent(sha256 -> node.put("sha256", sha256));
      node.putArray("models");
      node.putArray("trainers");
      node.putArray("datasets");
      return node;
    });
    plugins.models().values().stream().filter(found -> !found.jar().builtIn())
        .forEach(found -> ((ArrayNode) entry.apply(found.jar()).get("models")).add(found.name()));
    plugins.trainers().values().stream().filter(found -> !found.jar().builtIn())
        .forEach(found -> ((ArrayNode) entry.apply(found.jar()).get("trainers")).add(found.name()));
    plugins.datasets().values().stream().filter(found -> !found.jar().builtIn())
        .forEach(found -> ((ArrayNode) entry.apply(found.jar()).get("datasets")).add(found.name()));
    return array;
  }

  /** The number of classes a provenance file records, if it is readable and records it. */
  static Optional<Integer> classCount(Path file) {
    try {
      JsonNode classes = JSON.readTree(Files.readString(file)).path("classes");
      return classes.canConvertToInt() && classes.asInt() >= 0 ? Optional.of(classes.asInt()) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The image shape a provenance file records, if it is readable and records one. */
  static Optional<ImageShape> imageShape(Path file) {
    try {
      JsonNode shape = JSON.readTree(Files.readString(file)).path("imageShape");
      if (!shape.path("height").canConvertToInt() || !shape.path("width").canConvertToInt()
          || !shape.path("channels").canConvertToInt()) {
        return Optional.empty();
      }
      return Optional.of(new ImageShape(
          shape.path("height").asInt(), shape.path("width").asInt(), shape.path("channels").asInt()));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
