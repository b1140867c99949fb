package io.gen4j.spi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of gen4j's plugin API: every public type of {@code io.gen4j.spi} and its subpackages,
 * and the config records plugins return ({@link io.gen4j.config.OptimizerConfig}, {@link
 * io.gen4j.config.WeightAverageConfig}). Everything else in gen4j is internal and may change in any
 * release.
 *
 * <p>Each provider returns {@link #CURRENT} from its {@code spiVersion()} method. {@code CURRENT} is a
 * compile-time constant, so the compiler copies its value into the plugin's class: at run time the
 * method says which API the plugin was built against, and gen4j refuses, with a sentence naming the
 * jar, a plugin it cannot run, instead of failing with {@link NoSuchMethodError} in the middle of a run.
 *
 * <p>{@code MAJOR.MINOR}: a release that only adds to the API (new types, new methods with defaults)
 * raises the minor version, and plugins built for an earlier minor version of the same major version
 * still run; a release that changes or removes anything a plugin can use raises the major version.
 * Core's test {@code SpiSurfaceTest} holds the API's signatures per version and fails a build that
 * changes them without a new version.
 */
public final class SpiVersion {

  /** The plugin API of this gen4j, {@code MAJOR.MINOR}. */
  public static final String CURRENT = "2.0";

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\.(\\d+)");

  private SpiVersion() {}

  /**
   * Why a plugin built for {@code pluginVersion} cannot run on this gen4j, or empty when it can: same
   * major version, and a minor version no later than this gen4j's.
   */
  public static Optional<String> incompatibility(String pluginVersion) {
    Matcher plugin = pluginVersion == null ? null : FORMAT.matcher(pluginVersion);
    if (plugin == null || !plugin.matches()) {
      return Optional.of("it declares gen4j SPI version '" + pluginVersion + "', which is not MAJOR.MINOR");
    }
    Matcher current = FORMAT.matcher(CURRENT);
    current.matches();
    int pluginMajor = Integer.parseInt(plugin.group(1));
    int currentMajor = Integer.parseInt(current.group(1));
    if (pluginMajor != currentMajor
        || Integer.parseInt(plugin.group(2)) > Integer.parseInt(current.group(2))) {
      return Optional.of("it was built for gen4j SPI " + pluginVersion + ", but this gen4j has SPI " + CURRENT
          + " (it runs plugins built for " + currentMajor + ".0 to " + CURRENT + "); rebuild the plugin against this gen4j");
    }
    return Optional.empty();
  }
}
