package io.gen4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.Gen4j;
import io.gen4j.graph.Sessions;
import io.gen4j.testing.TinyGanProvider;
import io.gen4j.testing.TinyGanRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.ConfigProto;

/** {@code training.threads}: read, checked, written back, handed to TensorFlow and recorded in provenance. */
class ThreadsConfigTest {

  private final TinyGanProvider provider = new TinyGanProvider();
  private final ConfigLoader loader = new ConfigLoader(Map.of(provider.name(), provider));

  @Test
  void leftOutBothPoolsAreTensorFlowsChoiceAsBefore() {
    ExperimentConfig config = loader.parse("{\"model\": {\"type\": \"tiny-gan\"}}", "c.json");
    assertThat(config.training().threads()).isEqualTo(ThreadsConfig.DEFAULT);
    assertThat(config.training().threads().automatic()).isTrue();
    assertThat(ThreadsConfig.DEFAULT).isEqualTo(new ThreadsConfig(0, 0));
  }

  @Test
  void eachPoolCanBeSetAndTheResolvedConfigKeepsIt() {
    ExperimentConfig config = loader.parse(
        "{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"threads\": {\"intraOp\": 2}}}", "c.json");
    assertThat(config.training().threads()).isEqualTo(new ThreadsConfig(2, 0));
    assertThat(config.training().threads().automatic()).isFalse();
    String json = loader.toJson(config);
    assertThat(json).contains("\"threads\" : {");
    assertThat(loader.parse(json, "resolved.json")).isEqualTo(config);
    ExperimentConfig overridden = loader.parse("{\"model\": {\"type\": \"tiny-gan\"}}", "c.json",
        List.of(ConfigOverride.parse("training.threads.interOp=1")));
    assertThat(overridden.training().threads()).isEqualTo(new ThreadsConfig(0, 1));
  }

  @Test
  void mistakesNameTheField() {
    assertThatThrownBy(() -> loader.parse(
        "{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"threads\": {\"intraOp\": -1}}}", "bad.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bad.json: $.training.threads.intraOp: must be 0 (automatic) or more, got -1");
    assertThatThrownBy(() -> loader.parse(
        "{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"threads\": {\"intra\": 1}}}", "bad.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bad.json: $.training.threads.intra: unknown field 'intra'; known fields: interOp, intraOp");
    assertThatThrownBy(() -> loader.parse(
        "{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"threads\": {\"interOp\": 1.5}}}", "bad.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bad.json: $.training.threads.interOp: expected an integer, got the number 1.5");
  }

  @Test
  void sessionsGetThePoolSizesThroughConfigProto() {
    ConfigProto proto = Sessions.configProto(new ThreadsConfig(3, 1));
    assertThat(proto.getIntraOpParallelismThreads()).isEqualTo(3);
    assertThat(proto.getInterOpParallelismThreads()).isEqualTo(1);
    assertThat(Sessions.configProto(ThreadsConfig.DEFAULT)).isEqualTo(ConfigProto.getDefaultInstance());
  }

  @Test
  void aRunRecordsItsThreadsInProvenance(@TempDir Path runs) throws Exception {
    Gen4j gen4j = Gen4j.create();
    Path run = TinyGanRuns.train(gen4j, runs, 1);
    JsonNode provenance = JsonMapper.builder().build().readTree(Files.readString(run.resolve("provenance.json")));
    assertThat(provenance.get("threads").get("intraOp").asInt()).isZero();
    assertThat(provenance.get("threads").get("interOp").asInt()).isZero();

    gen4j.experiments().trainIn(run, new ThreadsConfig(1, 1), List.of());
    provenance = JsonMapper.builder().build().readTree(Files.readString(run.resolve("provenance.json")));
    assertThat(provenance.get("threads").get("intraOp").asInt()).isEqualTo(1);
    assertThat(provenance.get("threads").get("interOp").asInt()).isEqualTo(1);
    assertThat(gen4j.experiments().runConfig(run).training().threads()).isEqualTo(ThreadsConfig.DEFAULT);
  }
}
