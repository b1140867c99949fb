package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark measured.
 *
 * @param environment the machine it ran on
 * @param settings what was asked for
 * @param peak the float32 matrix product {@code [1024, 1024] x [1024, 1024]} timed alone at the start:
 *     the machine's matmul peak that every row's {@code peakShare} is measured against
 * @param memoryMeasurement how {@link BenchMeasurement#peakResidentBytes()} was measured
 * @param results one row per model type, batch size and mode, in the order they ran
 */
public record BenchReport(
    BenchEnvironment environment,
    BenchSettings settings,
    ContractionSpeed peak,
    String memoryMeasurement,
    List<BenchResult> results) {

  public BenchReport {
    requireNonNull(environment, "environment is null");
    requireNonNull(settings, "settings is null");
    requireNonNull(peak, "peak is null");
    requireNonNull(memoryMeasurement, "memoryMeasurement is null");
    results = List.copyOf(requireNonNull(results, "results is null"));
  }

  /** The data pipeline's cost for every model type and batch size measured in both modes, in order. */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public List<PipelineCost> pipelineCosts() {
    Map<String, BenchMeasurement> synthetic = new HashMap<>();
    for (BenchResult result : results) {
      if (result instanceof BenchMeasurement measured && measured.mode() == BenchMode.SYNTHETIC) {
        synthetic.put(key(measured), measured);
      }
    }
    List<PipelineCost> costs = new ArrayList<>();
    for (BenchResult result : results) {
      if (result instanceof BenchMeasurement real && real.mode() == BenchMode.REAL) {
        BenchMeasurement graphAlone = synthetic.get(key(real));
        if (graphAlone != null) {
          costs.add(new PipelineCost(real.modelType(), real.batchSize(), real.millisPerIteration().median(),
              graphAlone.millisPerIteration().median()));
        }
      }
    }
    return costs;
  }

  private static String key(BenchMeasurement measurement) {
    return measurement.modelType() + "@" + measurement.batchSize();
  }
}
