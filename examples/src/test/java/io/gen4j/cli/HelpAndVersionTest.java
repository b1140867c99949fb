package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code --help} on every command, {@code --version}, and the shell completion script. */
class HelpAndVersionTest {

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome gen4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exitCode, out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  /** Every command's path below gen4j: [train], [config, show], ... */
  private static List<List<String>> commands() {
    List<List<String>> paths = new ArrayList<>();
    collect(commandLine(), new ArrayList<>(), paths);
    return paths;
  }

  /** The command line as {@code gen4j} builds it, without plugins from the environment. */
  private static CommandLine commandLine() {
    Gen4jCommand top = new Gen4jCommand();
    return new CommandLine(top, new Gen4jCommand.Gen4jFactory(top, java.util.Map.of()));
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    command.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help") || sub.getCommandSpec().usageMessage().hidden()) {
        return;
      }
      List<String> below = new ArrayList<>(path);
      below.add(name);
      paths.add(below);
      collect(sub, below, paths);
    });
  }

  @Test
  void everyCommandHasHelpWithUsageDefaultsExamplesAndTheConfigReference() {
    List<List<String>> commands = commands();
    assertThat(commands.stream().map(path -> String.join(" ", path))).contains(
        "models", "train", "sample", "eval", "export", "bench", "nll", "status", "sweep", "config", "config show", "config schema",
        "generate-completion");
    for (List<String> path : commands) {
      if (path.equals(List.of("generate-completion"))) {
        continue; // picocli's own command, documented in the README
      }
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      Outcome help = gen4j(args.toArray(String[]::new));
      String command = "gen4j " + String.join(" ", path);
      assertThat(help.exitCode()).as(command + " --help exits 0; printed %s", help.err()).isZero();
      assertThat(help.err()).as(command).isEmpty();
      assertThat(help.out()).as(command)
          .startsWith("Usage: " + command)
          .contains("Examples:\n  gen4j ", "Config reference: README.md, section Configs");
      assertThat(help.out().split("\n  gen4j ", -1).length - 1).as(command + " examples").isBetween(2, 3);
      // each example on one line of an 80-column help: none is wrapped
      String examples = help.out().substring(help.out().indexOf("Examples:\n") + 10, help.out().indexOf("\nConfig reference"));
      assertThat(examples.lines().filter(line -> !line.isEmpty())).as(command + " examples")
          .allSatisfy(line -> assertThat(line).startsWith("  "));
    }
    // the help command's form too
    assertThat(gen4j("help", "train").out()).startsWith("Usage: gen4j train");
  }

  @Test
  void everyOptionSaysItsDefaultOrThatItIsRequired() {
    CommandLine root = commandLine();
    List<String> undocumented = new ArrayList<>();
    for (List<String> path : commands()) {
      CommandLine command = root;
      for (String name : path) {
        command = command.getSubcommands().get(name);
      }
      if (path.equals(List.of("generate-completion"))) {
        continue;
      }
      for (OptionSpec option : command.getCommandSpec().options()) {
        if (option.usageHelp() || option.versionHelp() || option.hidden()) {
          continue;
        }
        String description = String.join(" ", option.description());
        if (!description.contains("default") && !description.contains("required")) {
          undocumented.add(String.join(" ", path) + " " + option.longestName());
        }
      }
      for (PositionalParamSpec parameter : command.getCommandSpec().positionalParameters()) {
        String description = String.join(" ", parameter.description());
        if (!description.contains("default") && !description.contains("required")) {
          undocumented.add(String.join(" ", path) + " " + parameter.paramLabel());
        }
      }
    }
    assertThat(undocumented).as("options whose help says neither their default nor that they are required").isEmpty();
  }

  @Test
  void versionNamesGen4jTensorFlowAndJava() {
    Outcome version = gen4j("--version");
    assertThat(version.exitCode()).isZero();
    List<String> lines = version.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("gen4j ");
    assertThat(lines.get(1)).matches("TensorFlow 2\\.18\\.\\d+ \\(TensorFlow Java 1\\.1\\.0\\)");
    assertThat(lines.get(2)).startsWith("Java " + System.getProperty("java.version") + " (");
    assertThat(gen4j("train", "--version").out()).isEqualTo(version.out());
  }

  @Test
  void completionScriptIsValidBashAndKnowsTheCommandsAndOptions(@TempDir Path directory)
      throws IOException, InterruptedException {
    Outcome completion = gen4j("generate-completion");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out()).contains("complete -F _complete_gen4j", "train", "config", "--resume", "--set",
        "--batch-size");
    Path script = Files.writeString(directory.resolve("gen4j_completion"), completion.out());
    Process check = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void commandsWithRequiredOptionsStillExplainThemselvesWithoutThem() {
    Outcome sample = gen4j("sample");
    assertThat(sample.exitCode()).isEqualTo(Gen4jCommand.USAGE_ERROR);
    assertThat(sample.err()).startsWith("Missing required option").contains("Usage: gen4j sample");
  }
}
