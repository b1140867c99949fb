package io.gen4j.cli;

import static java.util.Objects.requireNonNull;

import io.gen4j.inject.PluginClassLoader;
import io.gen4j.inject.PluginException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin jars the command line loads, in this order: the {@code *.jar} files of the {@code plugins}
 * folder beside the gen4j jar, the entries of {@code GEN4J_PLUGINS} (a path list, {@code :} between
 * entries on Linux and macOS, {@code ;} on Windows; each a jar or a folder of jars), and each {@code
 * --plugin JAR}.
 */
final class PluginJars {

  /** The environment variable listing plugin jars and folders. */
  static final String ENVIRONMENT_VARIABLE = "GEN4J_PLUGINS";

  /** The folder beside the gen4j jar whose jars are loaded. */
  static final String FOLDER = "plugins";

  private PluginJars() {}

  /**
   * The plugin settings of one command line, as a child process of it (a sweep's run) is given them.
   *
   * @param environmentValue the value of {@code GEN4J_PLUGINS}, if set
   * @param jars the {@code --plugin} arguments
   */
  record Settings(Optional<String> environmentValue, List<Path> jars) {

    Settings {
      requireNonNull(environmentValue, "environmentValue is null");
      jars = List.copyOf(jars);
    }

    /** The settings of this environment and these {@code --plugin} arguments. */
    static Settings of(Map<String, String> environment, List<Path> jars) {
      return new Settings(Optional.ofNullable(environment.get(ENVIRONMENT_VARIABLE)), jars);
    }

    /** The child's {@code --plugin} options, each with an absolute path (the child may run elsewhere). */
    List<String> options() {
      List<String> options = new ArrayList<>();
      for (Path jar : jars) {
        options.add("--plugin");
        options.add(jar.toAbsolutePath().toString());
      }
      return options;
    }

    /** The child's {@code GEN4J_PLUGINS}, on top of its inherited environment. */
    Map<String, String> environment() {
      return environmentValue.map(value -> Map.of(ENVIRONMENT_VARIABLE, value)).orElse(Map.of());
    }
  }

  /**
   * Every plugin jar to load.
   *
   * @param environment the process's environment (for {@code GEN4J_PLUGINS})
   * @param options the {@code --plugin} arguments
   * @throws PluginException naming an entry of {@code GEN4J_PLUGINS} or a {@code --plugin} that is not there
   */
  static List<Path> collect(Map<String, String> environment, List<Path> options) {
    List<Path> jars = new ArrayList<>();
    besideTheJar().ifPresent(folder -> jars.addAll(PluginClassLoader.jarsIn(folder)));
    String list = environment.get(ENVIRONMENT_VARIABLE);
    if (list != null && !list.isBlank()) {
      for (String entry : list.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        Path path = Path.of(entry.strip());
        if (Files.isDirectory(path)) {
          jars.addAll(PluginClassLoader.jarsIn(path));
        } else if (Files.isRegularFile(path)) {
          jars.add(path);
        } else {
          throw new PluginException(ENVIRONMENT_VARIABLE + ": " + path + ": no such jar or folder");
        }
      }
    }
    for (Path option : options) {
      if (!Files.isRegularFile(option)) {
        throw new PluginException("--plugin " + option + ": no such jar");
      }
      jars.add(option);
    }
    return jars;
  }

  /** The {@code plugins} folder beside the jar this class was loaded from; empty when run from classes. */
  static Optional<Path> besideTheJar() {
    CodeSource source = PluginJars.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(location) ? Optional.of(location.resolveSibling(FOLDER)) : Optional.empty();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
