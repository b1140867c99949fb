package io.gen4j.security;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Checks a SavedModel against an {@link OpAllowList} before TensorFlow loads it, by reading {@code
 * saved_model.pb} with the protobuf classes alone: no session runs until the check has passed.
 *
 * <p>Every meta graph is checked: each node of its graph and of every function of its library must be
 * an allowed op or a call of one of the library's functions. The saver's file ops are allowed only in
 * the saver's own paths: no write op ({@link OpAllowList#SAVE_OPS}) may be reachable from the restore
 * op, and no saver file op at all from the signatures' tensors or from the ops run at load time (the
 * init op of {@code __saved_model_init_op}, {@code saved_model_main_op}, {@code legacy_init_op}, table
 * initializers); restores read only the file name the loader feeds. Assets (files fed to the graph at
 * load time) are refused, since generator graphs have none.
 */
public final class SavedModelCheck {

  /** The file TensorFlow reads a SavedModel's graphs from. */
  public static final String FILE_NAME = "saved_model.pb";

  /** The largest {@code saved_model.pb} read (its graph, not its variables). */
  public static final long MAX_BYTES = 1L << 28;

  private static final List<String> INIT_COLLECTIONS = List.of(
      "saved_model_main_op", "legacy_init_op", "saved_model_init_op", "init_op", "table_initializer",
      "local_init_op", "ready_op", "ready_for_local_init_op");
  private static final String INIT_SIGNATURE = "__saved_model_init_op";
  private static final String TRUST_HINT =
      " (--trust-model loads it anyway and runs whatever it does; only for models from a source you trust)";

  private SavedModelCheck() {}

  /**
   * Loads a SavedModel, after checking it against {@link OpAllowList#GENERATOR} unless {@code trust} is
   * {@link ModelTrust#TRUSTED}.
   *
   * @throws UntrustedModelException if the check refuses it
   * @throws IllegalArgumentException if it is missing, unreadable or cannot be loaded
   */
  public static SavedModelBundle load(Path directory, String tag, ModelTrust trust) {
    requireNonNull(directory, "directory is null");
    requireNonNull(tag, "tag is null");
    requireNonNull(trust, "trust is null");
    if (trust == ModelTrust.CHECKED) {
      check(directory, OpAllowList.GENERATOR);
    }
    try {
      return SavedModelBundle.load(directory.toString(), tag);
    } catch (TensorFlowException e) {
      String message = e.getMessage() == null ? "unknown error" : e.getMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException(directory + ": cannot load the SavedModel: " + message, e);
    }
  }

  /**
   * Checks the SavedModel in {@code directory}.
   *
   * @throws UntrustedModelException naming the first op that is not allowed and its node
   * @throws IllegalArgumentException if {@code saved_model.pb} is missing, too large or not a SavedModel
   */
  public static void check(Path directory, OpAllowList allowed) {
    requireNonNull(directory, "directory is null");
    requireNonNull(allowed, "allowed is null");
    Path file = directory.resolve(FILE_NAME);
    SavedModel model;
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(directory + ": not a SavedModel (no " + FILE_NAME + ")");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": " + size + " bytes; at most " + MAX_BYTES + " are read");
      }
      model = parse(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(directory + ": not a SavedModel (no " + FILE_NAME + ")");
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(file + ": not a SavedModel: " + firstLine(e.getMessage()));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + firstLine(e.getMessage()), e);
    }
    check(model, directory.toString(), allowed);
  }

  /**
   * Checks the bytes of a {@code saved_model.pb}.
   *
   * @param source names the model in errors
   * @throws UntrustedModelException naming the first op that is not allowed and its node
   * @throws IllegalArgumentException if the bytes are not a SavedModel
   */
  public static void check(byte[] savedModel, String source, OpAllowList allowed) {
    requireNonNull(savedModel, "savedModel is null");
    SavedModel model;
    try {
      model = parse(savedModel);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not a SavedModel: " + firstLine(e.getMessage()));
    }
    check(model, source, allowed);
  }

  /**
   * Parses {@code saved_model.pb} with protobuf's default limit on nesting.
   *
   * @throws InvalidProtocolBufferException also for the rare corrupt input protobuf fails on otherwise
   */
  static SavedModel parse(byte[] bytes) throws InvalidProtocolBufferException {
    try {
      return SavedModel.parseFrom(CodedInputStream.newInstance(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException | IllegalStateException | IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new InvalidProtocolBufferException("corrupt protocol buffer (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Checks a parsed SavedModel.
   *
   * @param source names the model in errors, usually its directory
   * @throws UntrustedModelException naming the first op that is not allowed and its node
   * @throws IllegalArgumentException if it holds no graph
   */
  public static void check(SavedModel model, String source, OpAllowList allowed) {
    requireNonNull(model, "model is null");
    requireNonNull(source, "source is null");
    requireNonNull(allowed, "allowed is null");
    if (model.getMetaGraphsCount() == 0) {
      throw new IllegalArgumentException(source + ": the SavedModel holds no graph");
    }
    for (MetaGraphDef meta : model.getMetaGraphsList()) {
      new MetaGraphCheck(meta, source, allowed).run();
    }
  }

  /** The check of one meta graph. */
  private static final class MetaGraphCheck {
    private final MetaGraphDef meta;
    private final String source;
    private final OpAllowList allowed;
    private final Map<String, NodeDef> nodes = new HashMap<>();
    private final Set<String> functions = new HashSet<>();

    MetaGraphCheck(MetaGraphDef meta, String source, OpAllowList allowed) {
      this.meta = meta;
      this.source = source;
      this.allowed = allowed;
    }

    void run() {
      for (FunctionDef function : meta.getGraphDef().getLibrary().getFunctionList()) {
        functions.add(function.getSignature().getName());
      }
      for (NodeDef node : meta.getGraphDef().getNodeList()) {
        nodes.putIfAbsent(node.getName(), node);
        requireKnown(node, "", true);
      }
      for (FunctionDef function : meta.getGraphDef().getLibrary().getFunctionList()) {
        for (NodeDef node : function.getNodeDefList()) {
          requireKnown(node, " in function '" + printable(function.getSignature().getName()) + "'", false);
          requireFunctionsExist(node, function.getSignature().getName());
        }
      }
      for (NodeDef node : meta.getGraphDef().getNodeList()) {
        requireFunctionsExist(node, null);
      }
      if (meta.getAssetFileDefCount() > 0 || meta.getCollectionDefMap().containsKey("saved_model_assets")
          || meta.getCollectionDefMap().containsKey("asset_filepaths")) {
        throw refuse("it has assets (files fed to the graph when it loads); a generator graph has none");
      }
      Set<String> runAtLoadOrSampling = ancestors(rootsOfSignaturesAndInitializers());
      for (String name : runAtLoadOrSampling) {
        NodeDef node = nodes.get(name);
        if (node != null && (OpAllowList.SAVE_OPS.contains(node.getOp()) || OpAllowList.RESTORE_OPS.contains(node.getOp()))) {
          throw refuse("op '" + printable(node.getOp()) + "' (node '" + printable(name) + "') reads or writes files and"
              + " is run by the signatures or when the model loads; only the saver may use it");
        }
      }
      String restoreOp = nodeName(meta.getSaverDef().getRestoreOpName());
      String filename = nodeName(meta.getSaverDef().getFilenameTensorName());
      for (String name : ancestors(restoreOp.isEmpty() ? Set.of() : Set.of(restoreOp))) {
        NodeDef node = nodes.get(name);
        if (node == null) {
          continue;
        }
        if (OpAllowList.SAVE_OPS.contains(node.getOp())) {
          throw refuse("op '" + printable(node.getOp()) + "' (node '" + printable(name) + "') writes files and runs when"
              + " the model's variables are restored");
        }
        if (OpAllowList.RESTORE_OPS.contains(node.getOp())
            && (node.getInputCount() == 0 || !nodeName(node.getInput(0)).equals(filename))) {
          throw refuse("op '" + printable(node.getOp()) + "' (node '" + printable(name) + "') reads another file than"
              + " the variables the loader names");
        }
      }
    }

    private void requireKnown(NodeDef node, String where, boolean saverOpsAllowed) {
      String op = node.getOp();
      boolean saverOp = OpAllowList.SAVE_OPS.contains(op) || OpAllowList.RESTORE_OPS.contains(op);
      if (allowed.allows(op) || functions.contains(op) || saverOp && saverOpsAllowed) {
        return;
      }
      throw refuse("op '" + printable(op) + "' (node '" + printable(node.getName()) + "'" + where + ") is not allowed in"
          + " a generator graph; only math, neural-network, array, random and variable ops are");
    }

    /** A function an op names in an attribute (a call, a branch, a loop body) must be in the library. */
    private void requireFunctionsExist(NodeDef node, String inFunction) {
      for (AttrValue value : node.getAttrMap().values()) {
        List<String> called = value.hasFunc() ? List.of(value.getFunc().getName())
            : value.getList().getFuncList().stream().map(function -> function.getName()).toList();
        for (String name : called) {
          if (!functions.contains(name)) {
            throw refuse("node '" + printable(node.getName()) + "'"
                + (inFunction == null ? "" : " in function '" + printable(inFunction) + "'") + " calls function '"
                + printable(name) + "', which the graph does not define");
          }
        }
      }
    }

    private Set<String> rootsOfSignaturesAndInitializers() {
      Set<String> roots = new HashSet<>();
      for (SignatureDef signature : meta.getSignatureDefMap().values()) {
        for (TensorInfo tensor : signature.getOutputsMap().values()) {
          roots.add(nodeName(tensor.getName()));
        }
        for (TensorInfo tensor : signature.getInputsMap().values()) {
          roots.add(nodeName(tensor.getName()));
        }
      }
      Optional.ofNullable(meta.getSignatureDefMap().get(INIT_SIGNATURE)).ifPresent(init ->
          init.getOutputsMap().values().forEach(tensor -> roots.add(nodeName(tensor.getName()))));
      for (String collection : INIT_COLLECTIONS) {
        CollectionDef definition = meta.getCollectionDefMap().get(collection);
        if (definition != null) {
          definition.getNodeList().getValueList().forEach(name -> roots.add(nodeName(name)));
        }
      }
      roots.remove("");
      return roots;
    }

    /** The nodes {@code roots} depend on, through data and control inputs, themselves included. */
    private Set<String> ancestors(Set<String> roots) {
      Set<String> seen = new HashSet<>();
      Deque<String> pending = new ArrayDeque<>(roots);
      while (!pending.isEmpty()) {
        String name = pending.pop();
        if (!seen.add(name)) {
          continue;
        }
        NodeDef node = nodes.get(name);
        if (node != null) {
          node.getInputList().forEach(input -> pending.push(nodeName(input)));
        }
      }
      return seen;
    }

    private UntrustedModelException refuse(String problem) {
      return new UntrustedModelException(source + ": refused to load the model: " + problem + TRUST_HINT);
    }
  }

  /** "node" of "node:0", "^node" or "node". */
  static String nodeName(String tensor) {
    String name = tensor.startsWith("^") ? tensor.substring(1) : tensor;
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  private static String printable(String text) {
    StringBuilder line = new StringBuilder();
    text.codePoints().limit(100).forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return text.codePointCount(0, text.length()) > 100 ? line + "..." : line.toString();
  }

  private static String firstLine(String message) {
    return message == null ? "unknown problem" : printable(message.lines().findFirst().orElse(message));
  }
}
