package io.gen4j.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * The optimizer of one network, selected by {@code type}: {@code "adam"} or {@code "rmsprop"}. Fields
 * left out keep the model's default for that network (or the type's defaults when the type changes).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OptimizerConfig.Adam.class, name = "adam"),
  @JsonSubTypes.Type(value = OptimizerConfig.RmsProp.class, name = "rmsprop")
})
public sealed interface OptimizerConfig {

  /** Step size, greater than 0. */
  float learningRate();

  /** The same optimizer with another learning rate. */
  OptimizerConfig withLearningRate(float rate);

  /** Defaults of the optimizer of that type name, or null if there is none. */
  static OptimizerConfig defaultsOf(String type) {
    return switch (type) {
      case "adam" -> Adam.DEFAULT;
      case "rmsprop" -> RmsProp.DEFAULT;
      default -> null;
    };
  }

  /**
   * Adam (Kingma and Ba).
   *
   * @param learningRate default 0.001
   * @param beta1 decay of the first moment, in [0, 1), default 0.9
   * @param beta2 decay of the second moment, in [0, 1), default 0.999
   * @param epsilon added to the denominator, greater than 0, default 1e-7
   */
  @JsonClassDescription("Adam (Kingma and Ba).")
  record Adam(
      @DecimalMin(value = "0", inclusive = false) @JsonPropertyDescription("Step size (the base rate of a schedule).")
      float learningRate,
      @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
      @JsonPropertyDescription("Decay of the first moment.")
      float beta1,
      @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
      @JsonPropertyDescription("Decay of the second moment.")
      float beta2,
      @DecimalMin(value = "0", inclusive = false) @JsonPropertyDescription("Added to the denominator.")
      float epsilon) implements OptimizerConfig {

    /** Keras' defaults. */
    public static final Adam DEFAULT = new Adam(0.001f, 0.9f, 0.999f, 1e-7f);

    public Adam {
      requirePositive("learningRate", learningRate);
      requireFraction("beta1", beta1);
      requireFraction("beta2", beta2);
      requirePositive("epsilon", epsilon);
    }

    @Override
    public Adam withLearningRate(float rate) {
      return new Adam(rate, beta1, beta2, epsilon);
    }
  }

  /**
   * RMSProp (Tieleman and Hinton).
   *
   * @param learningRate default 0.001
   * @param decay decay of the moving average of squared gradients, in [0, 1), default 0.9
   * @param momentum in [0, 1), default 0
   * @param epsilon added to the denominator, greater than 0, default 1e-10
   */
  @JsonClassDescription("RMSProp (Tieleman and Hinton).")
  record RmsProp(
      @DecimalMin(value = "0", inclusive = false) @JsonPropertyDescription("Step size (the base rate of a schedule).")
      float learningRate,
      @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
      @JsonPropertyDescription("Decay of the moving average of squared gradients.")
      float decay,
      @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) @JsonPropertyDescription("Momentum.")
      float momentum,
      @DecimalMin(value = "0", inclusive = false) @JsonPropertyDescription("Added to the denominator.")
      float epsilon) implements OptimizerConfig {

    /** TensorFlow's defaults. */
    public static final RmsProp DEFAULT = new RmsProp(0.001f, 0.9f, 0f, 1e-10f);

    public RmsProp {
      requirePositive("learningRate", learningRate);
      requireFraction("decay", decay);
      requireFraction("momentum", momentum);
      requirePositive("epsilon", epsilon);
    }

    @Override
    public RmsProp withLearningRate(float rate) {
      return new RmsProp(rate, decay, momentum, epsilon);
    }
  }

  private static void requirePositive(String field, float value) {
    if (!(value > 0) || Float.isInfinite(value)) {
      throw new InvalidConfigException(field, "must be greater than 0, got " + value);
    }
  }

  private static void requireFraction(String field, float value) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidConfigException(field, "must be in [0, 1), got " + value);
    }
  }
}
