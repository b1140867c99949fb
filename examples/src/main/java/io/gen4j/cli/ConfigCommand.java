package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ConfigOverride;
import io.gen4j.config.ConfigSchema;
import io.gen4j.files.AtomicFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j config show CONFIG.json} and {@code gen4j config schema}. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show a config with every default filled in, or write the JSON Schema of configs.",
    subcommands = {ConfigCommand.Show.class, ConfigCommand.Schema.class},
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j config show examples/configs/gan-mnist.json",
      "  gen4j config show examples/configs/gan-mnist.json --set training.steps=2000",
      "  gen4j config schema --out gen4j-config.schema.json",
      HelpText.REFERENCE
    })
final class ConfigCommand implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: show or schema");
  }

  /** {@code gen4j config show CONFIG.json [--set PATH=VALUE]...}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Print the config as training would use it: every default filled in (the model's own optimizers"
          + " included), the overrides applied; what the run's config.json will hold.",
      footerHeading = HelpText.EXAMPLES,
      footer = {
        "  gen4j config show examples/configs/gan-mnist.json",
        "  gen4j config show examples/configs/vae-mnist.json --set model.latentSize=2",
        HelpText.REFERENCE
      })
  static final class Show implements Runnable {

    private final Supplier<Gen4j> gen4j;

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "CONFIG.json", description = "The config (required).")
    private Path config;

    @CommandLine.Option(names = "--set", paramLabel = "PATH=VALUE",
        description = "Change one config field, as gen4j train --set does; repeatable (default: none).")
    private List<String> assignments = new ArrayList<>();

    Show(Supplier<Gen4j> gen4j) {
      this.gen4j = gen4j;
    }

    @Override
    public void run() {
      List<ConfigOverride> overrides = assignments.stream().map(ConfigOverride::parse).toList();
      ConfigLoader loader = gen4j.get().configLoader();
      PrintWriter out = spec.commandLine().getOut();
      out.print(loader.toJson(loader.load(config, overrides)));
      out.flush();
    }
  }

  /** {@code gen4j config schema [--out FILE]}. */
  @Command(
      name = "schema",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Write the JSON Schema (draft 2020-12) of experiment configs, for editors to complete and check configs: every"
            + " field with its description, default and range, every model type found on the class path (plugins"
            + " included).",
        "Refer to it from a config with \"$schema\": \"" + ConfigSchema.FILE_NAME + "\" (a path relative to the config);"
            + " gen4j ignores that field."
      },
      footerHeading = HelpText.EXAMPLES,
      footer = {
        "  gen4j config schema > " + ConfigSchema.FILE_NAME,
        "  gen4j config schema --out examples/configs/" + ConfigSchema.FILE_NAME,
        HelpText.REFERENCE
      })
  static final class Schema implements Runnable {

    private final Supplier<Gen4j> gen4j;

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--out", paramLabel = "FILE",
        description = "Write the schema to FILE (default: standard output).")
    private Path out;

    Schema(Supplier<Gen4j> gen4j) {
      this.gen4j = gen4j;
    }

    @Override
    public void run() {
      String schema = ConfigSchema.toJson(ConfigSchema.generate(gen4j.get().configLoader()));
      PrintWriter writer = spec.commandLine().getOut();
      if (out == null) {
        writer.print(schema);
      } else {
        AtomicFiles.write(out, schema.getBytes(StandardCharsets.UTF_8));
        writer.printf("wrote %s%n", out);
      }
      writer.flush();
    }
  }
}
