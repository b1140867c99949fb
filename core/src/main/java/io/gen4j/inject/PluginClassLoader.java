package io.gen4j.inject;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of plugin jars kept outside the class path (a folder beside the {@code gen4j} jar,
 * say): hand it to {@link io.gen4j.Gen4j#create(ClassLoader)}. Its parent is gen4j's own loader, so
 * plugins see gen4j and its libraries; discovery names each provider's jar.
 */
public final class PluginClassLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final List<Path> jars;

  private PluginClassLoader(List<Path> jars, URL[] urls, ClassLoader parent) {
    super("gen4j-plugins", urls, parent);
    this.jars = jars;
  }

  /**
   * A loader of these jars, in order.
   *
   * @param jars plugin jar files
   * @param parent where gen4j's own classes come from
   * @throws PluginException naming a jar that is no readable file
   */
  public static PluginClassLoader of(List<Path> jars, ClassLoader parent) {
    requireNonNull(parent, "parent is null");
    List<Path> files = new ArrayList<>();
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      Path file = jar.toAbsolutePath().normalize();
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new PluginException(jar + ": plugin jar not found (or not a readable file)");
      }
      if (files.contains(file)) {
        continue;
      }
      files.add(file);
      try {
        urls.add(file.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new PluginException(jar + ": cannot be loaded: " + e.getMessage(), e);
      }
    }
    return new PluginClassLoader(List.copyOf(files), urls.toArray(URL[]::new), parent);
  }

  /** The {@code *.jar} files of a folder, by name; none when the folder does not exist. */
  public static List<Path> jarsIn(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugin jars in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The jars this loader reads, absolute, in order. */
  public List<Path> jars() {
    return jars;
  }
}
