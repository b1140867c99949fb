package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a training iteration's time goes, from traced iterations (TensorFlow's {@code RunOptions} full
 * trace: the step statistics of every op that ran) and from the untraced timed ones.
 *
 * <p>Op times are wall time shared out among the ops running at each moment (from each op's {@code
 * op_start} to {@code op_end}; a stretch when k ops ran side by side counts 1/k for each), so they add
 * up to the time some op was running, and shares are of that busy time. Tracing slows every op, so
 * shares, not the traced durations, are what to read.
 *
 * @param tracedIterations iterations traced
 * @param opMillisPerIteration the busy time of one traced iteration (some op running), in milliseconds
 * @param categories every category that took time, largest share first
 * @param opTypes the op types that took the most time, largest first (at most {@link #TOP_OP_TYPES})
 * @param contractionFlopsPerIteration FLOPs of the matrix products and convolutions of one iteration,
 *     counted from the graph's static shapes
 * @param contractionGflopsPerSecond those FLOPs divided by the time of the {@link OpCategory#MATMUL} and
 *     {@link OpCategory#CONVOLUTION} ops: how fast the contractions ran inside the step; 0 if none ran
 * @param javaShare share of the untraced timed iterations' wall time spent outside {@code Session.run}
 *     (building feeds, reading fetched metrics, waiting for data, the trainer's own code)
 * @param sessionCallShare share of the untraced wall time the {@code Session.run} calls themselves cost
 *     (feeding, fetching, entering and leaving native code): the calls per iteration times {@code
 *     sessionCallMicros}
 * @param sessionRunsPerIteration {@code Session.run} calls per iteration
 * @param sessionCallMicros median wall microseconds of a {@code Session.run} with the same feeds that
 *     runs no op and fetches one fed scalar: the fixed cost of one call
 */
public record OpProfile(
    int tracedIterations,
    double opMillisPerIteration,
    List<CategoryTime> categories,
    List<OpTypeTime> opTypes,
    long contractionFlopsPerIteration,
    double contractionGflopsPerSecond,
    double javaShare,
    double sessionCallShare,
    double sessionRunsPerIteration,
    double sessionCallMicros) {

  /** Op types kept in {@link #opTypes}. */
  public static final int TOP_OP_TYPES = 10;

  public OpProfile {
    categories = List.copyOf(requireNonNull(categories, "categories is null"));
    opTypes = List.copyOf(requireNonNull(opTypes, "opTypes is null"));
  }

  /** The share of the untraced step spent outside TensorFlow's ops: {@code javaShare + sessionCallShare}. */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public double outsideTensorFlowShare() {
    return javaShare + sessionCallShare;
  }

  /** The share of one category, 0 if none of its ops ran. */
  public double share(OpCategory category) {
    return categories.stream().filter(time -> time.category() == category).mapToDouble(CategoryTime::share)
        .findFirst().orElse(0);
  }

  /**
   * Time of one category of ops.
   *
   * @param category the category
   * @param millisPerIteration summed op time per traced iteration
   * @param share of the summed time of every op
   */
  public record CategoryTime(OpCategory category, double millisPerIteration, double share) {
    public CategoryTime {
      requireNonNull(category, "category is null");
    }
  }

  /**
   * Time of one op type.
   *
   * @param type the op type as the step statistics name it, such as {@code _MklMatMul}
   * @param category its category
   * @param millisPerIteration summed op time per traced iteration
   * @param share of the summed time of every op
   */
  public record OpTypeTime(String type, OpCategory category, double millisPerIteration, double share) {
    public OpTypeTime {
      requireNonNull(type, "type is null");
      requireNonNull(category, "category is null");
    }
  }
}
