package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/plugins.md stays true: each code snippet is a verbatim excerpt of the file its marker names
 * (compiled and tested where it is a source file), and its commands are the ones PluginsInTheCliIT runs.
 */
class DocsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern BLOCK =
      Pattern.compile("(?m)^<!-- (snippet|exercised by): (\\S+) -->\\n```(\\w+)\\n(.*?)^```$", Pattern.DOTALL);

  private record Block(String kind, String file, String language, List<String> lines) {}

  private static List<Block> blocks() throws IOException {
    String guide = Files.readString(ROOT.resolve("docs/plugins.md"));
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(guide);
    while (matcher.find()) {
      blocks.add(new Block(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4).lines().toList()));
    }
    long fences = guide.lines().filter(line -> line.startsWith("```")).count();
    assertThat(2L * blocks.size()).as("every code block of docs/plugins.md has a snippet or exercised-by marker")
        .isEqualTo(fences);
    return blocks;
  }

  @Test
  void everySnippetIsAnExcerptOfItsFile() throws IOException {
    List<Block> snippets = blocks().stream().filter(block -> block.kind().equals("snippet")).toList();
    assertThat(snippets).hasSizeGreaterThan(8);
    for (Block snippet : snippets) {
      List<String> file = Files.readAllLines(ROOT.resolve(snippet.file()));
      assertThat(containsInOrder(file, snippet.lines()))
          .as("docs/plugins.md's snippet of %s is a verbatim excerpt of it:%n%s", snippet.file(),
              String.join("\n", snippet.lines()))
          .isTrue();
    }
  }

  @Test
  void everyCommandIsOneTheIntegrationTestRuns() throws IOException {
    List<String> commands = new ArrayList<>();
    for (Block block : blocks()) {
      if (block.kind().equals("exercised by")) {
        assertThat(ROOT.resolve(block.file())).isRegularFile();
        if (block.file().endsWith("PluginsInTheCliIT.java")) {
          commands.addAll(block.lines());
        } else {
          // Run through the library API by the named test; the command line's own path is EvalCommandTest's.
          assertThat(Files.readString(ROOT.resolve(block.file()))).contains("evaluateRun(");
        }
      }
    }
    assertThat(commands).isEqualTo(PluginsInTheCliIT.DOCUMENTED_COMMANDS);
  }

  @Test
  void theReadmeLinksTheGuide() throws IOException {
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("(docs/plugins.md)");
  }

  private static boolean containsInOrder(List<String> file, List<String> excerpt) {
    for (int start = 0; start + excerpt.size() <= file.size(); start++) {
      if (file.subList(start, start + excerpt.size()).equals(excerpt)) {
        return true;
      }
    }
    return false;
  }
}
