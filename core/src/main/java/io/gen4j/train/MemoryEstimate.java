package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * What a model's graph needs in memory, estimated from its static shapes before anything is
 * allocated: every variable (weights, batch-norm statistics, optimizer slots) and every op output
 * (forward activations, gradients) at the graph's batch size. It overestimates, since TensorFlow frees
 * intermediate tensors, which is what a check before training wants: a config whose estimate exceeds
 * the machine's memory cannot train here.
 *
 * @param variableValues elements of every variable
 * @param activationValues elements of every other op output with a fully known shape
 * @param bytes the memory those elements take
 */
public record MemoryEstimate(long variableValues, long activationValues, long bytes) {

  private static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable", "VarHandleOp");

  /** Estimates a graph's memory. */
  public static MemoryEstimate of(Graph graph) {
    requireNonNull(graph, "graph is null");
    long variables = 0;
    long activations = 0;
    long bytes = 0;
    java.util.Iterator<GraphOperation> operations = graph.operations();
    while (operations.hasNext()) {
      GraphOperation operation = operations.next();
      boolean variable = VARIABLE_OPS.contains(operation.type());
      for (int i = 0; i < operation.numOutputs(); i++) {
        Shape shape = operation.output(i).shape();
        if (shape.isUnknown() || shape.hasUnknownDimension()) {
          continue;
        }
        long elements = saturatingProduct(shape.asArray());
        int elementBytes = elementBytes(operation.output(i).dataType());
        if (variable) {
          variables = saturatingAdd(variables, elements);
        } else {
          activations = saturatingAdd(activations, elements);
        }
        bytes = saturatingAdd(bytes, saturatingMultiply(elements, elementBytes));
      }
    }
    return new MemoryEstimate(variables, activations, bytes);
  }

  /** The machine's physical memory (a container's limit where one is set), if the JVM can tell. */
  public static OptionalLong machineBytes() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean system) {
      long total = system.getTotalMemorySize();
      return total > 0 ? OptionalLong.of(total) : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /** "12.3 GiB". */
  public static String gibibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }

  private static int elementBytes(DataType type) {
    return switch (type) {
      case DT_DOUBLE, DT_INT64, DT_UINT64, DT_COMPLEX64 -> 8;
      case DT_HALF, DT_BFLOAT16, DT_INT16, DT_UINT16 -> 2;
      case DT_BOOL, DT_INT8, DT_UINT8 -> 1;
      case DT_COMPLEX128 -> 16;
      default -> 4;
    };
  }

  private static long saturatingProduct(long[] dimensions) {
    long product = 1;
    for (long dimension : dimensions) {
      product = saturatingMultiply(product, dimension);
    }
    return product;
  }

  private static long saturatingMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
