package io.gen4j.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * What an op that TensorFlow ran does, from its type as the step statistics name it (after Grappler
 * and oneDNN rewrote the graph, so {@code _MklMatMul} and {@code _FusedMatMul} are matrix products).
 * Batch normalization built from separate moment ops shows as those ops (reductions, element-wise).
 */
public enum OpCategory {

  /** Matrix products, fused ones included (a fused bias and activation count here). */
  @JsonProperty("matmul")
  MATMUL("MatMul (incl. fused)", "matmul"),

  /** Convolutions, transposed convolutions and their gradients. */
  @JsonProperty("convolution")
  CONVOLUTION("convolution", "conv"),

  /** Bias additions and their gradients. */
  @JsonProperty("bias-add")
  BIAS_ADD("BiasAdd", "bias"),

  /** Fused batch normalization and its gradient. */
  @JsonProperty("batch-norm")
  BATCH_NORM("batch norm (fused)", "bn"),

  /** Activation functions and their gradients. */
  @JsonProperty("activation")
  ACTIVATION("activations and gradients", "act"),

  /** Optimizer updates of variables. */
  @JsonProperty("optimizer")
  OPTIMIZER("optimizer apply", "optim"),

  /** Random number generation. */
  @JsonProperty("random")
  RANDOM("random", "random"),

  /** Reshapes, copies, layout conversions, tiling, slicing, concatenation, casts and constants. */
  @JsonProperty("reshape-copy")
  RESHAPE_COPY("reshapes and copies", "copy"),

  /** Sums, means and other reductions. */
  @JsonProperty("reduction")
  REDUCTION("reductions", "reduce"),

  /** Element-wise arithmetic other than activations. */
  @JsonProperty("elementwise")
  ELEMENTWISE("other element-wise", "elem"),

  /** Variable reads and assignments, feeds and fetches, no-ops. */
  @JsonProperty("bookkeeping")
  BOOKKEEPING("variables, feeds, fetches", "vars"),

  /** Anything else. */
  @JsonProperty("other")
  OTHER("other", "other");

  private static final Set<String> ACTIVATIONS = Set.of("Relu", "Relu6", "Elu", "Selu", "LeakyRelu", "Tanh", "Sigmoid",
      "Softplus", "Softsign", "Gelu");
  private static final Set<String> RESHAPES_AND_COPIES = Set.of("Reshape", "Identity", "IdentityN", "Snapshot", "Tile",
      "TileGrad", "ConcatV2", "Concat", "Slice", "StridedSlice", "StridedSliceGrad", "Pad", "PadV2", "Transpose",
      "Cast", "Pack", "Unpack", "ExpandDims", "Squeeze", "DynamicStitch", "Fill", "ZerosLike", "OnesLike", "Shape",
      "ShapeN", "Size", "Rank", "Const", "BroadcastTo", "BroadcastArgs", "BroadcastGradientArgs", "Select", "SelectV2",
      "Range", "Gather", "GatherV2", "_MklToTf", "_MklInputConversion", "_MklReshape", "_MklTranspose",
      "_MklConcat", "_MklSlice");
  private static final Set<String> REDUCTIONS = Set.of("Sum", "Mean", "Max", "Min", "Prod", "L2Loss", "ArgMax",
      "ArgMin", "EuclideanNorm", "All", "Any");
  private static final Set<String> BOOKKEEPING_TYPES = Set.of("VariableV2", "Variable", "VarHandleOp",
      "ReadVariableOp", "Assign", "AssignAdd", "AssignSub", "AssignVariableOp", "NoOp", "_Arg", "_Retval", "_Recv",
      "_Send", "Placeholder", "PlaceholderWithDefault", "_DeviceArg", "_DeviceRetval");
  private static final Set<String> ELEMENTWISE_TYPES = Set.of("Add", "AddV2", "AddN", "Sub", "Mul", "Div",
      "RealDiv", "DivNoNan", "Neg", "Square", "Sqrt", "Rsqrt", "RsqrtGrad", "SqrtGrad", "Exp", "Log", "Log1p",
      "Reciprocal", "Maximum", "Minimum", "Abs", "Sign", "Pow", "SquaredDifference", "Greater", "GreaterEqual",
      "Less", "LessEqual", "Equal", "NotEqual", "LogicalAnd", "LogicalOr", "LogicalNot", "ClipByValue", "Floor",
      "Ceil", "Round", "FloorDiv", "FloorMod", "Mod", "_MklAdd", "_MklAddV2", "_MklAddN", "_MklMul", "_MklSub",
      "_MklSquaredDifference", "_MklMaximum", "_FusedMulAdd", "_FusedMulAdd2", "_MklFusedMish");

  private final String label;
  private final String shortLabel;

  OpCategory(String label, String shortLabel) {
    this.label = label;
    this.shortLabel = shortLabel;
  }

  /** The category's name in reports. */
  public String label() {
    return label;
  }

  /** A short name for table columns. */
  public String shortLabel() {
    return shortLabel;
  }

  /** The category of an op type as step statistics report it, such as {@code _MklMatMul} or {@code ApplyAdam}. */
  public static OpCategory of(String opType) {
    String type = opType.replaceFirst("^_(MklNative|Mkl)(?=[A-Z_])", "").replaceFirst("^_(?=Fused)", "");
    if (type.contains("MatMul")) {
      return MATMUL;
    }
    if (type.contains("Conv2D") || type.contains("Conv3D") || type.startsWith("Depthwise")) {
      return CONVOLUTION;
    }
    if (type.startsWith("BiasAdd")) {
      return BIAS_ADD;
    }
    if (type.startsWith("FusedBatchNorm") || type.startsWith("BatchNorm")) {
      return BATCH_NORM;
    }
    if (ACTIVATIONS.contains(type) || ACTIVATIONS.contains(type.replaceFirst("Grad$", ""))) {
      return ACTIVATION;
    }
    if (type.startsWith("Apply") || type.startsWith("ResourceApply") || type.startsWith("SparseApply")) {
      return OPTIMIZER;
    }
    if (type.contains("Random") || type.startsWith("Stateless") || type.equals("TruncatedNormal")
        || type.equals("Multinomial")) {
      return RANDOM;
    }
    if (RESHAPES_AND_COPIES.contains(opType) || RESHAPES_AND_COPIES.contains(type)) {
      return RESHAPE_COPY;
    }
    if (REDUCTIONS.contains(type)) {
      return REDUCTION;
    }
    if (ELEMENTWISE_TYPES.contains(opType) || ELEMENTWISE_TYPES.contains(type)) {
      return ELEMENTWISE;
    }
    if (BOOKKEEPING_TYPES.contains(type)) {
      return BOOKKEEPING;
    }
    return OTHER;
  }
}
