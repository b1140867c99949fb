package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The BOM (bom/pom.xml, gen4j-bom) manages every library module of the build at the build's version, and the
 * standalone plugin pom that docs/plugins.md quotes imports it and names gen4j artifacts only through it.
 */
class BomTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theBomManagesEveryLibraryModuleOfTheBuildAtItsVersion() throws Exception {
    Element root = read(ROOT.resolve("pom.xml"));
    String version = text(root, "version");
    List<String> libraries = new ArrayList<>();
    for (Element module : children(child(root, "modules"), "module")) {
      Element pom = read(ROOT.resolve(module.getTextContent().strip()).resolve("pom.xml"));
      String packaging = Objects.requireNonNullElse(text(pom, "packaging"), "jar");
      String groupId = Objects.requireNonNullElse(text(pom, "groupId"), "io.gen4j");
      // Parents and the BOM itself are no dependencies; the example plugins are no gen4j artifacts.
      if (packaging.equals("jar") && groupId.equals("io.gen4j")) {
        libraries.add(text(pom, "artifactId"));
      }
    }
    assertThat(libraries).contains("gen4j-core", "gen4j-testing", "gen4j-examples", "gen4j-spark");

    Element bom = read(ROOT.resolve("bom/pom.xml"));
    assertThat(text(bom, "artifactId")).isEqualTo("gen4j-bom");
    assertThat(text(bom, "version")).isEqualTo(version);
    assertThat(child(bom, "parent")).as("the BOM brings in none of the build's settings").isNull();
    List<String> managed = new ArrayList<>();
    for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
      assertThat(text(dependency, "groupId")).isEqualTo("io.gen4j");
      assertThat(text(dependency, "version")).isEqualTo("${project.version}");
      managed.add(text(dependency, "artifactId"));
    }
    assertThat(managed).containsExactlyInAnyOrderElementsOf(libraries);
  }

  @Test
  void theGuidesStandalonePluginPomImportsTheBomAndNamesNoGen4jVersion() throws Exception {
    Element pom;
    try (InputStream in = BomTest.class.getResourceAsStream("standalone-plugin-pom.xml")) {
      pom = parse(Objects.requireNonNull(in, "standalone-plugin-pom.xml is missing"));
    }
    List<Element> imported = children(child(child(pom, "dependencyManagement"), "dependencies"), "dependency");
    assertThat(imported).hasSize(1);
    assertThat(text(imported.get(0), "artifactId")).isEqualTo("gen4j-bom");
    assertThat(text(imported.get(0), "version")).isEqualTo(text(read(ROOT.resolve("pom.xml")), "version"));
    assertThat(text(imported.get(0), "type")).isEqualTo("pom");
    assertThat(text(imported.get(0), "scope")).isEqualTo("import");
    List<String> managed = children(child(child(read(ROOT.resolve("bom/pom.xml")), "dependencyManagement"),
        "dependencies"), "dependency").stream().map(dependency -> text(dependency, "artifactId")).toList();
    for (Element dependency : children(child(pom, "dependencies"), "dependency")) {
      assertThat(text(dependency, "version")).as("a gen4j dependency takes its version from the BOM").isNull();
      assertThat(managed).contains(text(dependency, "artifactId"));
    }
    assertThat(Files.readString(ROOT.resolve("docs/plugins.md"))).contains(
        "<!-- snippet: examples/src/test/resources/io/gen4j/cli/standalone-plugin-pom.xml -->");
  }

  private static Element read(Path pom) throws IOException, ParserConfigurationException, SAXException {
    try (InputStream in = Files.newInputStream(pom)) {
      return parse(in);
    }
  }

  private static Element parse(InputStream in) throws IOException, ParserConfigurationException, SAXException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(in);
    return document.getDocumentElement();
  }

  /** The element's first child element of that name, or null. */
  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  /** The text of the element's direct child of that name, or null when it has none. */
  private static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? null : child.getTextContent().strip();
  }
}
