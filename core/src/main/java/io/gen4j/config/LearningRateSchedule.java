package io.gen4j.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * How one network's learning rate changes over training ({@code training.schedules.<network>}),
 * selected by {@code type}: {@code constant} (the default for a network not listed), {@code linear} or
 * {@code cosine} decay. Every type takes a linear warm-up first ({@code warmupSteps}): the rate of
 * iteration s (counted from 0) is {@code base * (s + 1) / warmupSteps} while {@code s < warmupSteps}.
 * The decay then runs over {@code decaySteps} iterations (0: to the end of training), from the base
 * rate down to {@code base * finalFraction}, and stays there. The base rate is the network's optimizer
 * {@code learningRate}.
 *
 * <p>The rate is computed in the graph from the iteration, so a resumed run gets exactly the rates an
 * uninterrupted one would. A constant schedule without warm-up builds the same graph as no schedule.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LearningRateSchedule.Constant.class, name = "constant"),
  @JsonSubTypes.Type(value = LearningRateSchedule.Linear.class, name = "linear"),
  @JsonSubTypes.Type(value = LearningRateSchedule.Cosine.class, name = "cosine")
})
public sealed interface LearningRateSchedule {

  /** The type names, in the order of the docs. */
  List<String> TYPES = List.of("constant", "linear", "cosine");

  /** Iterations of linear warm-up from 0 to the base rate; 0 for none. */
  long warmupSteps();

  /** Whether this schedule always gives the base rate. */
  @JsonIgnore
  default boolean isConstant() {
    return this instanceof Constant && warmupSteps() == 0;
  }

  /**
   * The factor on the base learning rate at iteration {@code step} (counted from 0) of a run of {@code
   * totalSteps} iterations: the definition the graph computes.
   */
  double factor(long step, long totalSteps);

  /** The schedule of that type name with every field at its default, or null if there is none. */
  static LearningRateSchedule defaultsOf(String type) {
    return switch (type) {
      case "constant" -> Constant.DEFAULT;
      case "linear" -> Linear.DEFAULT;
      case "cosine" -> Cosine.DEFAULT;
      default -> null;
    };
  }

  /** The type name of a schedule, as {@code type} gives it. */
  static String typeOf(LearningRateSchedule schedule) {
    if (schedule instanceof Constant) {
      return "constant";
    }
    return schedule instanceof Linear ? "linear" : "cosine";
  }

  /**
   * The base rate throughout, after the warm-up.
   *
   * @param warmupSteps iterations of linear warm-up; default 0
   */
  @JsonClassDescription("The base learning rate throughout, after an optional linear warm-up.")
  record Constant(
      @Min(0) @JsonPropertyDescription("Iterations of linear warm-up from 0 to the base rate; 0 for none.")
      long warmupSteps) implements LearningRateSchedule {

    /** No warm-up: the base rate from the first iteration. */
    public static final Constant DEFAULT = new Constant(0);

    public Constant {
      requireWarmup(warmupSteps);
    }

    @Override
    public double factor(long step, long totalSteps) {
      return warmup(step, warmupSteps).orElse(1);
    }
  }

  /**
   * A straight line from the base rate to {@code base * finalFraction}.
   *
   * @param warmupSteps iterations of linear warm-up; default 0
   * @param decaySteps iterations the decay takes after the warm-up; 0 (default) to the end of training
   * @param finalFraction the rate at the end of the decay, as a fraction of the base rate, in [0, 1];
   *     default 0
   */
  @JsonClassDescription("Linear decay from the base learning rate to base * finalFraction, after an optional warm-up.")
  record Linear(
      @Min(0) @JsonPropertyDescription("Iterations of linear warm-up from 0 to the base rate; 0 for none.")
      long warmupSteps,
      @Min(0) @JsonPropertyDescription("Iterations the decay takes after the warm-up; 0 to the end of training.")
      long decaySteps,
      @DecimalMin("0") @DecimalMax("1")
      @JsonPropertyDescription("The rate at the end of the decay, as a fraction of the base rate.")
      double finalFraction) implements LearningRateSchedule {

    /** Decay to 0 over the whole run, no warm-up. */
    public static final Linear DEFAULT = new Linear(0, 0, 0);

    public Linear {
      requireWarmup(warmupSteps);
      requireDecay(decaySteps, finalFraction);
    }

    @Override
    public double factor(long step, long totalSteps) {
      return warmup(step, warmupSteps)
          .orElse(1 - (1 - finalFraction) * progress(step, warmupSteps, decaySteps, totalSteps));
    }
  }

  /**
   * Half a cosine from the base rate to {@code base * finalFraction} (Loshchilov and Hutter's SGDR
   * without restarts).
   *
   * @param warmupSteps iterations of linear warm-up; default 0
   * @param decaySteps iterations the decay takes after the warm-up; 0 (default) to the end of training
   * @param finalFraction the rate at the end of the decay, as a fraction of the base rate, in [0, 1];
   *     default 0
   */
  @JsonClassDescription("Cosine decay from the base learning rate to base * finalFraction, after an optional warm-up.")
  record Cosine(
      @Min(0) @JsonPropertyDescription("Iterations of linear warm-up from 0 to the base rate; 0 for none.")
      long warmupSteps,
      @Min(0) @JsonPropertyDescription("Iterations the decay takes after the warm-up; 0 to the end of training.")
      long decaySteps,
      @DecimalMin("0") @DecimalMax("1")
      @JsonPropertyDescription("The rate at the end of the decay, as a fraction of the base rate.")
      double finalFraction) implements LearningRateSchedule {

    /** Decay to 0 over the whole run, no warm-up. */
    public static final Cosine DEFAULT = new Cosine(0, 0, 0);

    public Cosine {
      requireWarmup(warmupSteps);
      requireDecay(decaySteps, finalFraction);
    }

    @Override
    public double factor(long step, long totalSteps) {
      double progress = progress(step, warmupSteps, decaySteps, totalSteps);
      return warmup(step, warmupSteps)
          .orElse(finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
  }

  /**
   * Iterations the decay of a schedule takes: {@code decaySteps}, or when 0 the iterations left after
   * the warm-up, at least 1.
   */
  static long decayLength(long warmupSteps, long decaySteps, long totalSteps) {
    return Math.max(1, decaySteps > 0 ? decaySteps : totalSteps - warmupSteps);
  }

  private static double progress(long step, long warmupSteps, long decaySteps, long totalSteps) {
    double done = step - warmupSteps;
    return Math.min(1, Math.max(0, done / decayLength(warmupSteps, decaySteps, totalSteps)));
  }

  private static java.util.OptionalDouble warmup(long step, long warmupSteps) {
    return step < warmupSteps
        ? java.util.OptionalDouble.of((step + 1) / (double) warmupSteps)
        : java.util.OptionalDouble.empty();
  }

  private static void requireWarmup(long warmupSteps) {
    if (warmupSteps < 0) {
      throw new InvalidConfigException("warmupSteps", "must be 0 (no warm-up) or more, got " + warmupSteps);
    }
  }

  private static void requireDecay(long decaySteps, double finalFraction) {
    if (decaySteps < 0) {
      throw new InvalidConfigException("decaySteps", "must be 0 (to the end of training) or more, got " + decaySteps);
    }
    if (!(finalFraction >= 0 && finalFraction <= 1)) {
      throw new InvalidConfigException("finalFraction", "must be in [0, 1], got " + finalFraction);
    }
  }
}
