package io.gen4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Whether a checkpoint fits a graph: every variable of the graph must be in the checkpoint with the
 * same type and shape. A checkpoint may hold more (an export restores only the sampling path's
 * variables from a training checkpoint); a tensor larger than its shape needs never gets this far
 * ({@link Checkpointer#verify}).
 */
final class CheckpointCompatibility {

  private static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable", "VarHandleOp");

  private CheckpointCompatibility() {}

  /**
   * @param source names the checkpoint in errors
   * @throws CheckpointException naming the first variable that is missing or differs
   */
  static void requireRestorable(CheckpointIndex index, Graph graph, String source) {
    List<String> missing = new ArrayList<>();
    for (NodeDef node : graph.toGraphDef().getNodeList()) {
      if (!VARIABLE_OPS.contains(node.getOp())) {
        continue;
      }
      BundleEntryProto entry = index.entries().get(node.getName());
      if (entry == null) {
        missing.add(node.getName());
        continue;
      }
      DataType type = node.getAttrOrDefault("dtype", AttrValue.getDefaultInstance()).getType();
      TensorShapeProto shape = node.getAttrOrDefault("shape", AttrValue.getDefaultInstance()).getShape();
      if (entry.getDtype() != type || !sameShape(entry.getShape(), shape)) {
        throw new CheckpointException(source + ": variable '" + node.getName() + "' is " + describe(entry.getDtype(), entry.getShape())
            + " in the checkpoint but " + describe(type, shape) + " in the model; the checkpoint was written for another"
            + " model or config");
      }
    }
    if (!missing.isEmpty()) {
      throw new CheckpointException(source + ": the checkpoint lacks " + missing.size() + " of the model's variables ("
          + String.join(", ", missing.subList(0, Math.min(3, missing.size()))) + (missing.size() > 3 ? ", ..." : "")
          + "); it was written for another model or config");
    }
  }

  private static boolean sameShape(TensorShapeProto checkpoint, TensorShapeProto graph) {
    if (graph.getUnknownRank()) {
      return true;
    }
    if (checkpoint.getDimCount() != graph.getDimCount()) {
      return false;
    }
    for (int i = 0; i < graph.getDimCount(); i++) {
      long expected = graph.getDim(i).getSize();
      if (expected >= 0 && checkpoint.getDim(i).getSize() != expected) {
        return false;
      }
    }
    return true;
  }

  private static String describe(DataType type, TensorShapeProto shape) {
    StringBuilder text = new StringBuilder(type.name().replaceFirst("^DT_", "").toLowerCase(java.util.Locale.ROOT)).append(" [");
    for (int i = 0; i < shape.getDimCount(); i++) {
      text.append(i == 0 ? "" : ", ").append(shape.getDim(i).getSize());
    }
    return text.append(']').toString();
  }
}
