package io.gen4j.bench;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One row of a benchmark: a model type at one batch size in one mode, measured or failed. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
@JsonSubTypes({
  @JsonSubTypes.Type(value = BenchMeasurement.class, name = "measured"),
  @JsonSubTypes.Type(value = BenchFailure.class, name = "failed")
})
public sealed interface BenchResult permits BenchMeasurement, BenchFailure {

  /** The model type ({@code model.type}). */
  String modelType();

  /** Where the real images came from. */
  BenchMode mode();

  /** Images per batch. */
  int batchSize();
}
