package io.gen4j.inject;

import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.TrainerProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Finds model, trainer and dataset providers the way {@link java.util.ServiceLoader} does (every {@code
 * META-INF/services/<service>} file a class loader sees, each line naming a provider class with a public
 * no-argument constructor), but reading the services files itself, so that every problem names the jar
 * it comes from. A provider is usable only once it has loaded and passed these checks; otherwise it is
 * a {@link PluginProblem}, one line naming the jar, the provider and the cause:
 *
 * <ul>
 *   <li>a services line that is no class name, or names a class the class loader cannot load or that
 *       does not implement the service;
 *   <li>the same provider class listed by two jars, or two jars of the same Maven artifact (two versions
 *       of one plugin: otherwise the first on the class path would silently win);
 *   <li>a class that cannot be linked or initialized (a plugin built against another gen4j, a static
 *       initializer that throws) or whose constructor throws;
 *   <li>a provider built for a plugin API this gen4j does not run ({@link SpiVersion});
 *   <li>a name that is not lower case words joined by '-', or two providers of one name;
 *   <li>for a model provider: a {@code defaultConfig()} that throws, is null, is not of {@code
 *       configClass()} or leaves a record field null (every field needs a default, an empty {@link
 *       Optional} for an optional one), and {@code defaultOptimizers} that throw or name no network;
 *   <li>for a dataset provider: a {@code defaultConfig()} that throws, is null or is not of {@code
 *       configClass()} (its required fields, such as a folder's path, may be null in the default).
 * </ul>
 */
public final class PluginDiscovery {

  private static final Pattern CLASS_NAME =
      Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private PluginDiscovery() {}

  /** Every model, trainer and dataset provider visible to {@code loader}, usable or not. */
  public static Plugins discover(ClassLoader loader) {
    List<PluginProblem> problems = new ArrayList<>();
    if (loader instanceof PluginClassLoader plugins) {
      unreadableJars(plugins.jars(), problems);
    }
    Map<Path, PluginJar> jars = new LinkedHashMap<>();
    List<Entry> modelEntries = entries(ModelProvider.class, loader, jars, problems);
    List<Entry> trainerEntries = entries(TrainerProvider.class, loader, jars, problems);
    List<Entry> datasetEntries = entries(DatasetProvider.class, loader, jars, problems);
    Set<Path> twoVersions = twoVersionsOfOneArtifact(
        jars.values(), List.of(modelEntries, trainerEntries, datasetEntries), problems);
    Map<String, Discovered<ModelProvider<?>>> models = load(
        ModelProvider.class, "model type", modelEntries, twoVersions, loader, problems, PluginDiscovery::checkModel);
    Map<String, Discovered<TrainerProvider>> trainers = load(
        TrainerProvider.class, "trainer", trainerEntries, twoVersions, loader, problems, provider -> provider);
    Map<String, Discovered<DatasetProvider<?>>> datasets = load(
        DatasetProvider.class, "dataset type", datasetEntries, twoVersions, loader, problems,
        PluginDiscovery::checkDataset);
    return new Plugins(models, trainers, datasets, problems);
  }

  /**
   * Flags each jar the class loader cannot read (a file that is no jar, a truncated download): the loader
   * itself would skip it without a word, and a plugin in it would seem to be missing.
   */
  private static void unreadableJars(List<Path> jars, List<PluginProblem> problems) {
    for (Path file : jars) {
      try (JarFile jar = new JarFile(file.toFile())) {
        jar.size();
      } catch (IOException e) {
        problems.add(new PluginProblem("plugin jar", new PluginJar(file, false, Optional.empty(), PluginJar.UNKNOWN_VERSION),
            "not a readable jar (" + firstLine(String.valueOf(e.getMessage())) + "); replace or remove the file"));
      }
    }
  }

  /** A line of a services file: a provider class and the jar whose services file lists it. */
  private record Entry(String className, PluginJar jar, int line) {}

  private static List<Entry> entries(
      Class<?> service, ClassLoader loader, Map<Path, PluginJar> jars, List<PluginProblem> problems) {
    String file = "META-INF/services/" + service.getName();
    List<Entry> entries = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(file))) {
        PluginJar jar = jars.computeIfAbsent(jarOf(url, file), PluginJar::read);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(url), StandardCharsets.UTF_8))) {
          String line;
          int number = 0;
          while ((line = reader.readLine()) != null) {
            number++;
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (name.isEmpty()) {
              continue;
            }
            if (!CLASS_NAME.matcher(name).matches()) {
              problems.add(new PluginProblem("plugin class '" + name + "'", jar,
                  file + " line " + number + " is not a class name"));
            } else if (entries.stream().noneMatch(entry -> entry.className().equals(name) && entry.jar().equals(jar))) {
              entries.add(new Entry(name, jar, number));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the services files " + file + ": " + e.getMessage(), e);
    }
    return entries;
  }

  private static java.io.InputStream open(URL url) throws IOException {
    java.net.URLConnection connection = url.openConnection();
    // Do not keep jar files open in the JVM-wide cache: plugin jars may be replaced between runs.
    connection.setUseCaches(false);
    return connection.getInputStream();
  }

  private static Path jarOf(URL servicesFile, String file) throws IOException {
    if ("jar".equals(servicesFile.getProtocol())) {
      return PluginJar.toPath(((JarURLConnection) servicesFile.openConnection()).getJarFileURL());
    }
    Path path = PluginJar.toPath(servicesFile);
    for (int i = 0; i < file.split("/").length; i++) {
      path = path.getParent();
    }
    return path;
  }

  /**
   * Jars that hold two versions of one plugin: the same provider class listed by two jars, or two jars
   * of one Maven artifact. Each such pair is a problem naming both jars.
   */
  private static Set<Path> twoVersionsOfOneArtifact(
      java.util.Collection<PluginJar> jars, List<List<Entry>> services, List<PluginProblem> problems) {
    Set<Path> clashing = new LinkedHashSet<>();
    Map<String, PluginJar> byArtifact = new TreeMap<>();
    for (PluginJar jar : jars) {
      if (jar.artifact().isEmpty()) {
        continue;
      }
      PluginJar other = byArtifact.putIfAbsent(jar.artifact().get(), jar);
      if (other != null) {
        clash(other, jar, "plugin " + jar.artifact().get(), problems, clashing);
      }
    }
    Map<String, PluginJar> byClass = new TreeMap<>();
    for (List<Entry> entries : services) {
      for (Entry entry : entries) {
        PluginJar other = byClass.putIfAbsent(entry.className(), entry.jar());
        if (other != null && !other.equals(entry.jar())
            && !(clashing.contains(other.location()) && clashing.contains(entry.jar().location()))) {
          clash(other, entry.jar(), "plugin class " + entry.className(), problems, clashing);
        }
      }
    }
    return clashing;
  }

  private static void clash(PluginJar first, PluginJar second, String subject, List<PluginProblem> problems, Set<Path> clashing) {
    problems.add(new PluginProblem(subject, second,
        "two versions are on the class path: " + first.version() + " in " + first.location() + " and "
            + second.version() + " in " + second.location() + "; remove one of the jars"));
    clashing.add(first.location());
    clashing.add(second.location());
  }

  private static <T> Map<String, Discovered<T>> load(
      Class<?> service,
      String kind,
      List<Entry> entries,
      Set<Path> twoVersions,
      ClassLoader loader,
      List<PluginProblem> problems,
      Function<T, T> check) {
    Map<String, List<Discovered<T>>> byName = new TreeMap<>();
    for (Entry entry : entries) {
      if (twoVersions.contains(entry.jar().location())) {
        continue;
      }
      String subject = "plugin class " + entry.className();
      try {
        T provider = instantiate(service, entry, loader);
        String name = nameOf(provider, service);
        subject = kind + " '" + name + "' (" + entry.className() + ")";
        check.apply(provider);
        byName.computeIfAbsent(name, key -> new ArrayList<>()).add(new Discovered<>(name, provider, entry.jar()));
      } catch (BrokenPlugin e) {
        problems.add(new PluginProblem(subject, entry.jar(), e.getMessage()));
      } catch (RuntimeException | LinkageError e) {
        problems.add(new PluginProblem(subject, entry.jar(), describe(e)));
      }
    }
    Map<String, Discovered<T>> usable = new TreeMap<>();
    byName.forEach((name, found) -> {
      if (found.size() == 1) {
        usable.put(name, found.get(0));
        return;
      }
      StringBuilder claimants = new StringBuilder();
      for (Discovered<T> each : found) {
        claimants.append(claimants.length() == 0 ? "" : " and ").append(each.provider().getClass().getName())
            .append(" (").append(each.jar().location()).append(")");
      }
      for (Discovered<T> each : found) {
        problems.add(new PluginProblem(kind + " '" + name + "'", each.jar(),
            found.size() + " providers have this name: " + claimants + "; remove or rename one"));
      }
    });
    return usable;
  }

  @SuppressWarnings("unchecked")
  private static <T> T instantiate(Class<?> service, Entry entry, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(entry.className(), false, loader);
    } catch (ClassNotFoundException e) {
      throw new BrokenPlugin("META-INF/services/" + service.getName() + " line " + entry.line()
          + " names this class, but there is no such class");
    }
    if (!service.isAssignableFrom(type)) {
      throw new BrokenPlugin("it does not implement " + service.getName());
    }
    try {
      return (T) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new BrokenPlugin("it needs a public class with a public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw new BrokenPlugin("its constructor threw " + describe(e.getCause()));
    } catch (InstantiationException e) {
      throw new BrokenPlugin("it is abstract");
    }
  }

  private static String nameOf(Object provider, Class<?> service) {
    String version;
    try {
      if (provider instanceof ModelProvider<?> model) {
        version = model.spiVersion();
      } else if (provider instanceof DatasetProvider<?> dataset) {
        version = dataset.spiVersion();
      } else {
        version = ((TrainerProvider) provider).spiVersion();
      }
    } catch (AbstractMethodError e) {
      throw new BrokenPlugin("it was built for a gen4j SPI before 2.0 (it has no spiVersion()), but this gen4j has SPI "
          + SpiVersion.CURRENT + "; rebuild the plugin against this gen4j");
    }
    SpiVersion.incompatibility(version).ifPresent(reason -> {
      throw new BrokenPlugin(reason);
    });
    String name;
    if (provider instanceof ModelProvider<?> model) {
      name = model.name();
    } else if (provider instanceof DatasetProvider<?> dataset) {
      name = dataset.name();
    } else {
      name = ((TrainerProvider) provider).name();
    }
    if (name == null || !PROVIDER_NAME.matcher(name).matches()) {
      throw new BrokenPlugin("name() returned " + (name == null ? "null" : "'" + name + "'")
          + "; a name is lower case letters and digits, words joined by '-'");
    }
    return name;
  }

  private static ModelProvider<?> checkModel(ModelProvider<?> provider) {
    ModelConfig defaults = checkedDefaults(provider.configClass(), provider::defaultConfig);
    nullFields(defaults).ifPresent(field -> {
      throw new BrokenPlugin("defaultConfig() leaves field '" + field + "' null: every field needs a default"
          + " (an empty Optional for an optional one), or a config that omits it fails mid-run");
    });
    Map<String, ?> optimizers;
    try {
      optimizers = defaultOptimizers(provider, defaults);
    } catch (RuntimeException | LinkageError e) {
      throw new BrokenPlugin("defaultOptimizers(defaultConfig()) failed: " + describe(e));
    }
    if (optimizers == null || optimizers.isEmpty()) {
      throw new BrokenPlugin("defaultOptimizers(defaultConfig()) names no network; it needs an optimizer per network");
    }
    return provider;
  }

  private static DatasetProvider<?> checkDataset(DatasetProvider<?> provider) {
    // No check for null fields: a dataset's required fields (its files' paths) have no default, and its
    // config record says so itself when a config omits one.
    checkedDefaults(provider.configClass(), provider::defaultConfig);
    return provider;
  }

  /** A provider's default config, checked to exist and to be of its config class. */
  private static <C> C checkedDefaults(Class<?> configClass, Supplier<? extends C> defaultConfig) {
    if (configClass == null) {
      throw new BrokenPlugin("configClass() returned null");
    }
    C defaults;
    try {
      defaults = defaultConfig.get();
    } catch (RuntimeException | LinkageError e) {
      throw new BrokenPlugin("defaultConfig() failed: " + describe(e));
    }
    if (defaults == null) {
      throw new BrokenPlugin("defaultConfig() returned null");
    }
    if (!configClass.isInstance(defaults)) {
      throw new BrokenPlugin("defaultConfig() returned a " + defaults.getClass().getName() + ", not a "
          + configClass.getName() + " (configClass())");
    }
    return defaults;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, ?> defaultOptimizers(ModelProvider provider, ModelConfig config) {
    return provider.defaultOptimizers(config);
  }

  /**
   * The first record component of {@code config} that is null, as a dotted path through nested records;
   * empty when there is none (or the config is no record).
   */
  public static Optional<String> nullFields(Object config) {
    if (config == null || !config.getClass().isRecord()) {
      return Optional.empty();
    }
    for (RecordComponent component : config.getClass().getRecordComponents()) {
      Object value;
      try {
        component.getAccessor().setAccessible(true);
        value = component.getAccessor().invoke(config);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot read field '" + component.getName() + "' of "
            + config.getClass().getName() + ": " + describe(e), e);
      }
      if (value == null) {
        return Optional.of(component.getName());
      }
      Optional<String> nested = nullFields(value);
      if (nested.isPresent()) {
        return Optional.of(component.getName() + "." + nested.get());
      }
    }
    return Optional.empty();
  }

  /** An exception as a phrase: its type and message, or for an initializer error, the cause's. */
  static String describe(Throwable e) {
    Throwable shown = e;
    String prefix = "";
    if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
      prefix = "a static initializer threw ";
      shown = e.getCause();
    } else if (e instanceof NoClassDefFoundError || e instanceof NoSuchMethodError || e instanceof NoSuchFieldError
        || e instanceof AbstractMethodError || e instanceof IncompatibleClassChangeError) {
      return "it does not link with this gen4j (" + e.getClass().getSimpleName() + ": " + e.getMessage()
          + "): it was built for another gen4j; rebuild it against this one";
    }
    String message = shown.getMessage() == null ? "" : ": " + firstLine(shown.getMessage());
    return prefix + shown.getClass().getName() + message;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** A reason a plugin is broken, already phrased. */
  private static final class BrokenPlugin extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokenPlugin(String reason) {
      super(reason, null, false, false);
    }
  }
}
