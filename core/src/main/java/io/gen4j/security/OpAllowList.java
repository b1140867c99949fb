package io.gen4j.security;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * The ops a model file may contain. {@link #GENERATOR} allows what generator graphs are made of
 * (constants and placeholders, array and shape ops, math, neural-network ops, random draws, variables,
 * functional control flow and calls of the graph's own functions) and refuses everything else: file
 * and network I/O ({@code ReadFile}, {@code WriteFile}, {@code MatchingFiles}, summaries and debug
 * ops), queues and readers, datasets and iterators, {@code PyFunc} and {@code EagerPyFunc}, {@code
 * Print} and {@code PrintV2}, and any op TensorFlow does not ship (custom ops). The saver's file ops
 * are allowed only where the loader expects them (see {@link SavedModelCheck}).
 *
 * @param ops the allowed op names
 */
public record OpAllowList(Set<String> ops) {

  /** Ops of the saver that write files: allowed only in the saver's save path. */
  public static final Set<String> SAVE_OPS = Set.of("SaveV2", "Save", "SaveSlices", "MergeV2Checkpoints");

  /** Ops of the saver that read checkpoint files: allowed only in the saver's restore path. */
  public static final Set<String> RESTORE_OPS = Set.of("RestoreV2", "Restore", "RestoreSlice");

  /** The ops of generator graphs. */
  public static final OpAllowList GENERATOR = new OpAllowList(Set.of(
      // constants, inputs, identities and graph structure
      "Const", "Placeholder", "PlaceholderWithDefault", "Identity", "IdentityN", "NoOp", "StopGradient",
      "PreventGradient", "Snapshot", "EnsureShape", "CheckNumerics",
      // variables
      "VariableV2", "Variable", "VarHandleOp", "ReadVariableOp", "AssignVariableOp", "AssignAddVariableOp",
      "AssignSubVariableOp", "VarIsInitializedOp", "IsVariableInitialized", "Assign", "AssignAdd", "AssignSub",
      "DestroyResourceOp",
      // arrays and shapes
      "Shape", "ShapeN", "Size", "Rank", "Reshape", "ExpandDims", "Squeeze", "Concat", "ConcatV2", "ConcatOffset",
      "Pack", "Unpack", "Slice", "StridedSlice", "StridedSliceGrad", "Split", "SplitV", "Tile", "Pad", "PadV2",
      "MirrorPad", "Transpose", "Fill", "ZerosLike", "OnesLike", "Gather", "GatherV2", "GatherNd", "Where", "Select",
      "SelectV2", "BroadcastTo", "BroadcastArgs", "BroadcastGradientArgs", "Reverse", "ReverseV2", "Cast", "Range",
      "LinSpace", "OneHot", "Einsum", "DepthToSpace", "SpaceToDepth", "ClipByValue", "Bitcast", "InvertPermutation",
      "Diag", "DiagPart", "MatrixDiag", "MatrixDiagPart", "MatrixDiagV3", "MatrixDiagPartV3", "MatrixBandPart",
      "ResizeBilinear", "ResizeNearestNeighbor", "ResizeBicubic", "ResizeArea", "ScatterNd", "TensorScatterUpdate",
      "TensorScatterAdd", "Unique", "TopKV2", "Cumsum", "Cumprod",
      // math
      "Add", "AddV2", "AddN", "Sub", "Mul", "MulNoNan", "Div", "DivNoNan", "RealDiv", "FloorDiv", "FloorMod", "Mod",
      "TruncateDiv", "TruncateMod", "Neg", "Abs", "Sign", "Square", "Sqrt", "Rsqrt", "Exp", "Expm1", "Log", "Log1p",
      "Pow", "Maximum", "Minimum", "Sum", "Mean", "Prod", "Max", "Min", "All", "Any", "ArgMax", "ArgMin", "MatMul",
      "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3", "Tanh", "Sigmoid", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan",
      "Atan2", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Floor", "Ceil", "Round", "Rint", "Reciprocal", "Inv",
      "SquaredDifference", "Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual", "LogicalAnd",
      "LogicalOr", "LogicalNot", "IsNan", "IsFinite", "IsInf", "Erf", "Erfc", "Erfinv", "Ndtri", "Lgamma", "Digamma",
      "Softplus", "Softsign", "Xlogy", "Xdivy", "Xlog1py", "L2Loss", "ComplexAbs",
      "TanhGrad", "SigmoidGrad", "SqrtGrad", "RsqrtGrad", "ReciprocalGrad", "MatrixInverse", "Cholesky", "Qr",
      "SelfAdjointEigV2", "Svd", "MatrixDeterminant", "LogMatrixDeterminant",
      // neural networks
      "Relu", "Relu6", "Elu", "Selu", "LeakyRelu", "Gelu", "Softmax", "LogSoftmax", "BiasAdd", "BiasAddV1", "Conv2D",
      "Conv2DBackpropInput", "Conv3D", "Conv3DBackpropInputV2", "DepthwiseConv2dNative",
      "DepthwiseConv2dNativeBackpropInput", "MaxPool", "MaxPoolV2", "AvgPool", "AvgPool3D", "MaxPool3D",
      "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3", "LRN", "ReluGrad", "LeakyReluGrad",
      // random numbers, stateful and stateless
      "RandomStandardNormal", "RandomUniform", "RandomUniformInt", "TruncatedNormal", "RandomShuffle", "Multinomial",
      "RandomGamma", "RandomPoisson", "RandomPoissonV2", "StatelessRandomNormal", "StatelessRandomUniform",
      "StatelessRandomUniformInt", "StatelessTruncatedNormal", "StatelessMultinomial", "StatelessRandomNormalV2",
      "StatelessRandomUniformV2", "StatelessRandomUniformIntV2", "StatelessRandomUniformFullIntV2",
      "StatelessTruncatedNormalV2", "StatelessRandomGetKeyCounterAlg", "StatelessRandomGetKeyCounter",
      "StatelessRandomGetAlg", "StatelessRandomBinomial", "StatelessParameterizedTruncatedNormal",
      // control flow: the bodies of called functions are checked too
      "If", "StatelessIf", "While", "StatelessWhile", "Case", "StatelessCase", "PartitionedCall",
      "StatefulPartitionedCall", "Switch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond", "ControlTrigger",
      // string ops of the saver that touch no file
      "StringJoin", "ShardedFilename", "ShardedFilespec", "StaticRegexFullMatch"));

  public OpAllowList {
    ops = Set.copyOf(requireNonNull(ops, "ops is null"));
  }

  /** Whether {@code op} may appear anywhere in a graph. */
  public boolean allows(String op) {
    return ops.contains(op);
  }
}
