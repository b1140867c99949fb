package io.gen4j.cli;

/** Text every command's help shares. */
final class HelpText {

  private HelpText() {}

  /** The heading of the examples at the end of each command's help. */
  static final String EXAMPLES = "%nExamples:%n";

  /** The last line of each command's help: where the config's fields are documented. */
  static final String REFERENCE = "%nConfig reference: README.md, section Configs (every field, its default and"
      + " range); `gen4j config schema` writes the same as a JSON Schema, `gen4j config show CONFIG.json` a config"
      + " with every default filled in.";
}
