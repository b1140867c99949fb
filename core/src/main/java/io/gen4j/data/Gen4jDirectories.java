package io.gen4j.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where gen4j keeps files between runs.
 *
 * <ul>
 *   <li>The home, {@code gen4j.home} (system property) or {@code GEN4J_HOME}, else {@code ~/.gen4j}:
 *       downloaded and imported datasets in {@code datasets/NAME/}.
 *   <li>The cache, {@code gen4j.cache} or {@code GEN4J_CACHE}, else {@code $GEN4J_HOME/cache} when the
 *       home is set, else {@code $XDG_CACHE_HOME/gen4j}, else {@code ~/.cache/gen4j}: what gen4j can
 *       rebuild, decoded datasets ({@code datasets/}) and feature networks ({@code feature-networks/});
 *       safe to delete.
 *   <li>A mirror for named downloads, {@code gen4j.mirror} or {@code GEN4J_MIRROR}.
 * </ul>
 */
public final class Gen4jDirectories {

  /** System property naming the home directory; wins over the environment variable. */
  public static final String HOME_PROPERTY = "gen4j.home";

  /** Environment variable naming the home directory. */
  public static final String HOME_VARIABLE = "GEN4J_HOME";

  /** System property naming the cache directory; wins over everything else. */
  public static final String CACHE_PROPERTY = "gen4j.cache";

  /** Environment variable naming the cache directory. */
  public static final String CACHE_VARIABLE = "GEN4J_CACHE";

  /** System property naming a mirror base URL for named datasets. */
  public static final String MIRROR_PROPERTY = "gen4j.mirror";

  /** Environment variable naming a mirror base URL for named datasets. */
  public static final String MIRROR_VARIABLE = "GEN4J_MIRROR";

  /** The folder of the home and of the cache that holds datasets. */
  public static final String DATASETS = "datasets";

  private Gen4jDirectories() {}

  /** The home directory, from the system properties and environment of this process. */
  public static Path home() {
    return home(System::getProperty, System::getenv);
  }

  /** The cache directory, from the system properties and environment of this process. */
  public static Path cache() {
    return cache(System::getProperty, System::getenv);
  }

  /** The mirror base URL, if one is set. */
  public static Optional<String> mirror() {
    return mirror(System::getProperty, System::getenv);
  }

  static Path home(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    return setting(properties, environment, HOME_PROPERTY, HOME_VARIABLE)
        .map(Path::of)
        .orElseGet(() -> Path.of(properties.apply("user.home"), ".gen4j"));
  }

  /** The cache directory as the class comment describes it. */
  public static Path cache(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    Optional<String> cache = setting(properties, environment, CACHE_PROPERTY, CACHE_VARIABLE);
    if (cache.isPresent()) {
      return Path.of(cache.get());
    }
    Optional<String> home = setting(properties, environment, HOME_PROPERTY, HOME_VARIABLE);
    if (home.isPresent()) {
      return Path.of(home.get(), "cache");
    }
    String xdg = environment.apply("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "gen4j");
    }
    return Path.of(properties.apply("user.home"), ".cache", "gen4j");
  }

  static Optional<String> mirror(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    return setting(properties, environment, MIRROR_PROPERTY, MIRROR_VARIABLE);
  }

  private static Optional<String> setting(
      UnaryOperator<String> properties, UnaryOperator<String> environment, String property, String variable) {
    String value = properties.apply(property);
    if (value == null || value.isBlank()) {
      value = environment.apply(variable);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
