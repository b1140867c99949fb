package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;

/**
 * One matrix product or convolution of a training graph, by its operand shapes: what its FLOPs are,
 * and what a benchmark rebuilds to time it alone ({@code io.gen4j.bench.ContractionTimer}). Convolutions are described by the forward
 * convolution they belong to (input {@code [n, h, w, c]}, filter {@code [kh, kw, c, f]}, output {@code
 * [n, oh, ow, f]}), whichever of the three ops ({@code Conv2D}, {@code Conv2DBackpropInput}, {@code
 * Conv2DBackpropFilter}) computes with it; each costs {@code 2 n oh ow f kh kw c} FLOPs.
 *
 * @param type {@code MatMul}, {@code Conv2D}, {@code Conv2DBackpropInput} or {@code Conv2DBackpropFilter}
 * @param input a product's left operand as stored ({@code [m, k]}, or {@code [k, m]} when transposed);
 *     a convolution's forward input
 * @param filter a product's right operand as stored; a convolution's filter
 * @param output a product's result {@code [m, n]}; a convolution's forward output
 * @param transposeA whether a product's left operand is transposed
 * @param transposeB whether a product's right operand is transposed
 * @param strides a convolution's strides ({@code [1, sh, sw, 1]}); empty for a product
 * @param padding a convolution's padding ({@code SAME} or {@code VALID}); empty for a product
 */
public record Contraction(
    String type,
    List<Long> input,
    List<Long> filter,
    List<Long> output,
    boolean transposeA,
    boolean transposeB,
    List<Long> strides,
    String padding) {

  /** The matrix product's op type. */
  public static final String MATMUL = "MatMul";

  /** The forward convolution's op type. */
  public static final String CONV2D = "Conv2D";

  /** The gradient of a convolution with respect to its input: a transposed convolution. */
  public static final String CONV2D_BACKPROP_INPUT = "Conv2DBackpropInput";

  /** The gradient of a convolution with respect to its filter. */
  public static final String CONV2D_BACKPROP_FILTER = "Conv2DBackpropFilter";

  private static final List<String> TYPES = List.of(MATMUL, CONV2D, CONV2D_BACKPROP_INPUT, CONV2D_BACKPROP_FILTER);

  public Contraction {
    requireNonNull(type, "type is null");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("not a contraction: " + type + "; expected one of " + TYPES);
    }
    input = List.copyOf(input);
    filter = List.copyOf(filter);
    output = List.copyOf(output);
    strides = List.copyOf(strides);
    requireNonNull(padding, "padding is null");
    int rank = type.equals(MATMUL) ? 2 : 4;
    for (List<Long> shape : List.of(input, filter, output)) {
      if (shape.size() != rank || shape.stream().anyMatch(size -> size < 1)) {
        throw new IllegalArgumentException(type + " needs fully known rank-" + rank + " shapes, got " + shape);
      }
    }
  }

  /** A matrix product of {@code [m, k]} by {@code [k, n]}. */
  public static Contraction matMul(long m, long k, long n) {
    return new Contraction(MATMUL, List.of(m, k), List.of(k, n), List.of(m, n), false, false, List.of(), "");
  }

  /**
   * The contraction an op of a graph computes, if it is one and its operand shapes are fully known.
   * Recognizes {@code MatMul}, {@code Conv2D}, {@code Conv2DBackpropInput} and {@code
   * Conv2DBackpropFilter} in NHWC layout.
   */
  public static Optional<Contraction> of(GraphOperation operation) {
    try {
      return switch (operation.type()) {
        case MATMUL -> Optional.of(new Contraction(MATMUL, dims(operation.input(0)), dims(operation.input(1)),
            dims(operation.output(0)), operation.attributes().getAttrBool("transpose_a"),
            operation.attributes().getAttrBool("transpose_b"), List.of(), ""));
        case CONV2D -> convolution(operation, dims(operation.input(0)), dims(operation.input(1)),
            dims(operation.output(0)));
        case CONV2D_BACKPROP_INPUT -> {
          List<Long> filter = dims(operation.input(1));
          List<Long> output = dims(operation.input(2));
          yield convolution(operation, forwardInput(operation, output, filter), filter, output);
        }
        case CONV2D_BACKPROP_FILTER -> convolution(operation, dims(operation.input(0)), dims(operation.output(0)),
            dims(operation.input(2)));
        default -> Optional.empty();
      };
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Contraction> convolution(
      GraphOperation operation, List<Long> input, List<Long> filter, List<Long> output) {
    if (!"NHWC".equals(operation.attributes().getAttrString("data_format"))) {
      return Optional.empty();
    }
    List<Long> strides = java.util.Arrays.stream(operation.attributes().getAttrIntList("strides")).boxed().toList();
    return Optional.of(new Contraction(operation.type(), input, filter, output, false, false, strides,
        operation.attributes().getAttrString("padding")));
  }

  /**
   * The forward input of a transposed convolution: its output's static shape where shape inference
   * knows it, else what the padding implies ({@code SAME}: output size times stride).
   */
  private static List<Long> forwardInput(GraphOperation operation, List<Long> output, List<Long> filter) {
    Shape known = operation.output(0).shape();
    if (known.numDimensions() == 4 && !known.hasUnknownDimension()) {
      return java.util.Arrays.stream(known.asArray()).boxed().toList();
    }
    long[] strides = operation.attributes().getAttrIntList("strides");
    boolean same = "SAME".equals(operation.attributes().getAttrString("padding"));
    long height = same ? output.get(1) * strides[1] : (output.get(1) - 1) * strides[1] + filter.get(0);
    long width = same ? output.get(2) * strides[2] : (output.get(2) - 1) * strides[2] + filter.get(1);
    return List.of(output.get(0), height, width, filter.get(2));
  }

  private static List<Long> dims(Operand<?> operand) {
    Shape shape = operand.shape();
    if (shape.isUnknown() || shape.hasUnknownDimension()) {
      throw new IllegalArgumentException("unknown shape " + shape);
    }
    return java.util.Arrays.stream(shape.asArray()).boxed().toList();
  }

  /** Floating-point operations: 2 per multiply-add. */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public long flops() {
    if (type.equals(MATMUL)) {
      long inner = transposeA ? input.get(0) : input.get(1);
      return 2 * output.get(0) * output.get(1) * inner;
    }
    return 2 * output.get(0) * output.get(1) * output.get(2) * output.get(3) * filter.get(0) * filter.get(1)
        * filter.get(2);
  }

  /** A short description such as {@code MatMul 64x100 . 100x256} or {@code Conv2DBackpropInput 64x7x7x256 * 5x5x256x128 s1}. */
  public String describe() {
    if (type.equals(MATMUL)) {
      return String.format(Locale.ROOT, "MatMul %s%s . %s%s", join(input), transposeA ? "'" : "", join(filter),
          transposeB ? "'" : "");
    }
    return String.format(Locale.ROOT, "%s %s * %s -> %s s%d %s", type, join(input), join(filter), join(output),
        strides.size() > 1 ? strides.get(1) : 1, padding);
  }

  private static String join(List<Long> shape) {
    return shape.stream().map(String::valueOf).collect(Collectors.joining("x"));
  }
}
