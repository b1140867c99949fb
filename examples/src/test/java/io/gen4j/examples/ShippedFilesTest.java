package io.gen4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What ships beside the code: licence, notice, the bundled data's note, and README claims about files. */
class ShippedFilesTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void theCodeIsApacheLicensedAndTheNoticeNamesMnistsLicence() throws IOException {
    assertThat(Files.readString(ROOT.resolve("LICENSE")))
        .startsWith("\n                                 Apache License\n                           Version 2.0, January 2004");
    assertThat(Files.readString(ROOT.resolve("NOTICE")))
        .contains("Apache License, Version 2.0", "MNIST", "Yann LeCun, Corinna Cortes and Christopher J. C. Burges",
            "Creative Commons Attribution-Share Alike 3.0");
    assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<name>Apache License, Version 2.0</name>");
  }

  @Test
  void theBundledMnistNoteHasNoInternalNotes() throws IOException {
    String note = Files.readString(ROOT.resolve("core/src/main/resources/io/gen4j/data/mnist/README.md"));
    assertThat(note).contains("CC BY-SA 3.0").doesNotContain("../shared", "The project must");
  }

  @Test
  void theReadmesExampleConfigIsTheShippedOne() throws IOException {
    String config = Files.readString(Path.of("configs/gan-mnist.json"));
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("```json\n" + config + "```\n");
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheBuildsVersion() throws IOException {
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    String version = parent.substring(parent.indexOf("<version>") + 9, parent.indexOf("</version>"));
    assertThat(bom).contains("<artifactId>gen4j-bom</artifactId>\n  <version>" + version + "</version>");
    for (String module : new String[] {"gen4j-core", "gen4j-models-gan", "gen4j-models-dcgan", "gen4j-models-vae", "gen4j-spark"}) {
      assertThat(bom).contains("<artifactId>" + module + "</artifactId>");
    }
  }
}
