package io.gen4j.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.gen4j.Gen4j;
import io.gen4j.export.ExportedGenerator;
import io.gen4j.testing.TinyGanRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Crafted SavedModels, made from a real export by adding ops to its {@code saved_model.pb}, are refused
 * before any session runs: file ops in the sampling path, in a load-time initializer and in the
 * function library, a saver op where the signature runs it, a restore that reads another file, a custom
 * op and assets. With {@code --trust-model} the same files do what they say, which shows what the check
 * prevents.
 */
class SavedModelCheckTest {

  @TempDir static Path work;

  private static Path export;

  @BeforeAll
  static void export() {
    Gen4j gen4j = Gen4j.create();
    Path run = TinyGanRuns.train(gen4j, work.resolve("runs"), 3);
    export = work.resolve("export");
    gen4j.exporter().export(run, export, false);
  }

  /** A copy of the export whose first meta graph {@code change} rewrites. */
  private static Path crafted(String name, UnaryOperator<MetaGraphDef> change) throws IOException {
    Path copy = work.resolve(name);
    try (Stream<Path> files = Files.walk(export)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = copy.resolve(export.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    SavedModel model = SavedModel.parseFrom(Files.readAllBytes(copy.resolve("saved_model.pb")));
    SavedModel changed = model.toBuilder().setMetaGraphs(0, change.apply(model.getMetaGraphs(0))).build();
    Files.write(copy.resolve("saved_model.pb"), changed.toByteArray());
    return copy;
  }

  private static NodeDef stringConstant(String name, String value) {
    return NodeDef.newBuilder().setName(name).setOp("Const")
        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_STRING).build())
        .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_STRING)
            .setTensorShape(TensorShapeProto.getDefaultInstance())
            .addStringVal(ByteString.copyFrom(value, StandardCharsets.UTF_8))).build())
        .build();
  }

  /** Nodes that copy /etc/hostname (or any file) to {@code target}: ReadFile, then WriteFile. */
  private static GraphDef.Builder withFileCopy(GraphDef graph, Path target) {
    return graph.toBuilder()
        .addNode(stringConstant("leak/source", "/proc/self/cmdline"))
        .addNode(stringConstant("leak/target", target.toString()))
        .addNode(NodeDef.newBuilder().setName("leak/read").setOp("ReadFile").addInput("leak/source"))
        .addNode(NodeDef.newBuilder().setName("leak/write").setOp("WriteFile").addInput("leak/target").addInput("leak/read"));
  }

  private static GraphDef withControlInput(GraphDef.Builder graph, String node, String input) {
    for (int i = 0; i < graph.getNodeCount(); i++) {
      if (graph.getNode(i).getName().equals(node)) {
        graph.setNode(i, graph.getNode(i).toBuilder().addInput("^" + input));
      }
    }
    return graph.build();
  }

  private static String refusal(Path model, String problem) {
    return model + ": refused to load the model: " + problem + " (--trust-model loads it anyway and runs whatever it"
        + " does; only for models from a source you trust)";
  }

  @Test
  void theExportsOfGen4jPass() {
    SavedModelCheck.check(export, OpAllowList.GENERATOR);
    try (ExportedGenerator generator = ExportedGenerator.load(export)) {
      assertThat(generator.sample(2, 1).count()).isEqualTo(2);
    }
  }

  @Test
  void fileOpsInTheSamplingPathAreRefusedAndWouldHaveRun() throws IOException {
    Path leaked = work.resolve("leaked-by-sampling");
    Path model = crafted("sampling-path", meta -> meta.toBuilder()
        .setGraphDef(withControlInput(withFileCopy(meta.getGraphDef(), leaked), "images", "leak/write")).build());

    assertThatThrownBy(() -> ExportedGenerator.load(model))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(model, "op 'ReadFile' (node 'leak/read') is not allowed in a generator graph; only math,"
            + " neural-network, array, random and variable ops are"));
    assertThat(leaked).doesNotExist();

    try (ExportedGenerator generator = ExportedGenerator.load(model, ModelTrust.TRUSTED)) {
      generator.sample(1, 1);
    }
    assertThat(leaked).exists();
  }

  @Test
  void fileOpsInALoadTimeInitializerAreRefusedAndWouldHaveRun() throws IOException {
    Path leaked = work.resolve("leaked-by-loading");
    Path model = crafted("initializer", meta -> meta.toBuilder()
        .setGraphDef(withFileCopy(meta.getGraphDef(), leaked))
        .putCollectionDef("saved_model_main_op", CollectionDef.newBuilder()
            .setNodeList(CollectionDef.NodeList.newBuilder().addValue("leak/write")).build())
        .build());

    assertThatThrownBy(() -> ExportedGenerator.load(model))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(model, "op 'ReadFile' (node 'leak/read') is not allowed in a generator graph; only math,"
            + " neural-network, array, random and variable ops are"));
    assertThat(leaked).doesNotExist();

    ExportedGenerator.load(model, ModelTrust.TRUSTED).close();
    assertThat(leaked).exists();
  }

  @Test
  void fileOpsInTheFunctionLibraryAreRefused() throws IOException {
    FunctionDef leak = FunctionDef.newBuilder()
        .setSignature(OpDef.newBuilder().setName("leak_fn").setIsStateful(true))
        .addNodeDef(stringConstant("target", "/tmp/gen4j-leak-fn"))
        .addNodeDef(NodeDef.newBuilder().setName("write").setOp("WriteFile").addInput("target:output:0")
            .addInput("target:output:0"))
        .build();
    Path model = crafted("function", meta -> {
      GraphDef.Builder graph = meta.getGraphDef().toBuilder();
      graph.getLibraryBuilder().addFunction(leak);
      graph.addNode(NodeDef.newBuilder().setName("leak/call").setOp("StatefulPartitionedCall")
          .putAttr("f", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName("leak_fn")).build()));
      return meta.toBuilder().setGraphDef(withControlInput(graph, "images", "leak/call")).build();
    });

    assertThatThrownBy(() -> ExportedGenerator.load(model))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(model, "op 'WriteFile' (node 'write' in function 'leak_fn') is not allowed in a generator"
            + " graph; only math, neural-network, array, random and variable ops are"));
  }

  @Test
  void aCallOfAFunctionTheGraphDoesNotDefineIsRefused() throws IOException {
    Path model = crafted("missing-function", meta -> meta.toBuilder().setGraphDef(meta.getGraphDef().toBuilder()
        .addNode(NodeDef.newBuilder().setName("call").setOp("PartitionedCall")
            .putAttr("f", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName("elsewhere")).build())))
        .build());

    assertThatThrownBy(() -> SavedModelCheck.check(model, OpAllowList.GENERATOR))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(model, "node 'call' calls function 'elsewhere', which the graph does not define"));
  }

  @Test
  void theSaversFileOpsAreRefusedWhereTheSignatureOrTheRestoreWouldRunThem() throws IOException {
    Path saving = crafted("saving-signature", meta -> meta.toBuilder()
        .setGraphDef(withControlInput(meta.getGraphDef().toBuilder(), "images", "save/control_dependency")).build());
    Path otherFile = crafted("other-file", meta -> {
      GraphDef.Builder graph = meta.getGraphDef().toBuilder().addNode(stringConstant("elsewhere", "/etc/secret"));
      for (int i = 0; i < graph.getNodeCount(); i++) {
        if (graph.getNode(i).getOp().equals("RestoreV2")) {
          graph.setNode(i, graph.getNode(i).toBuilder().setInput(0, "elsewhere"));
        }
      }
      return meta.toBuilder().setGraphDef(graph).build();
    });
    Path writingRestore = crafted("writing-restore", meta -> meta.toBuilder()
        .setGraphDef(withControlInput(meta.getGraphDef().toBuilder(), "save/restore_all", "save/Save")).build());

    assertThatThrownBy(() -> SavedModelCheck.check(saving, OpAllowList.GENERATOR))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(saving, "op 'SaveV2' (node 'save/Save') reads or writes files and is run by the signatures"
            + " or when the model loads; only the saver may use it"));
    assertThatThrownBy(() -> SavedModelCheck.check(otherFile, OpAllowList.GENERATOR))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(otherFile, "op 'RestoreV2' (node 'save/Restore') reads another file than the variables"
            + " the loader names"));
    assertThatThrownBy(() -> SavedModelCheck.check(writingRestore, OpAllowList.GENERATOR))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(writingRestore, "op 'SaveV2' (node 'save/Save') writes files and runs when the model's"
            + " variables are restored"));
  }

  @Test
  void customOpsAndAssetsAreRefused() throws IOException {
    Path custom = crafted("custom-op", meta -> meta.toBuilder().setGraphDef(meta.getGraphDef().toBuilder()
        .addNode(NodeDef.newBuilder().setName("mine").setOp("MyCustomOp"))).build());
    Path assets = crafted("assets", meta -> meta.toBuilder()
        .addAssetFileDef(org.tensorflow.proto.AssetFileDef.newBuilder().setFilename("vocab.txt")).build());

    assertThatThrownBy(() -> ExportedGenerator.load(custom))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(custom, "op 'MyCustomOp' (node 'mine') is not allowed in a generator graph; only math,"
            + " neural-network, array, random and variable ops are"));
    assertThatThrownBy(() -> ExportedGenerator.load(assets))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(refusal(assets, "it has assets (files fed to the graph when it loads); a generator graph has none"));
  }

  @Test
  void aFileThatIsNoSavedModelIsOneLine() throws IOException {
    Path garbage = crafted("garbage", meta -> meta);
    Files.write(garbage.resolve("saved_model.pb"), new byte[] {(byte) 0xff, 1, 2, 3});
    Path empty = Files.createDirectories(work.resolve("empty"));

    assertThatThrownBy(() -> SavedModelCheck.check(garbage, OpAllowList.GENERATOR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(garbage.resolve("saved_model.pb") + ": not a SavedModel: ");
    assertThatThrownBy(() -> SavedModelCheck.check(empty, OpAllowList.GENERATOR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(empty + ": not a SavedModel (no saved_model.pb)");
  }
}
