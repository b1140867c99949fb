package io.gen4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.config.WeightAverageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the plugin API's version ({@link SpiVersion}): the public signatures of {@code io.gen4j.spi}
 * (and its subpackages) and of the config records plugins return must be exactly those recorded for
 * {@link SpiVersion#CURRENT} in {@code surface-MAJOR.MINOR.txt}, and must keep every signature of each
 * earlier minor version of the same major version, with no new abstract method in a type those had.
 * Changing the API therefore takes a new version: a new minor version (a new snapshot file) for
 * additions, a new major version for anything else.
 */
class SpiSurfaceTest {

  private static final List<String> PACKAGES = List.of("io.gen4j.spi", "io.gen4j.spi.graph", "io.gen4j.spi.adversarial");

  private static final List<Class<?>> CONFIG_TYPES =
      List.of(OptimizerConfig.class, OptimizerConfig.Adam.class, OptimizerConfig.RmsProp.class, WeightAverageConfig.class);

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

  @Test
  void theApiIsExactlyTheSnapshotOfTheCurrentVersion() throws IOException {
    Set<String> current = surface();
    Set<String> recorded = snapshot(SpiVersion.CURRENT);
    if (!current.equals(recorded)) {
      Path written = Path.of("target", "surface-" + SpiVersion.CURRENT + ".txt");
      Files.write(written, current);
      Set<String> added = new TreeSet<>(current);
      added.removeAll(recorded);
      Set<String> removed = new TreeSet<>(recorded);
      removed.removeAll(current);
      fail("the plugin API changed since SPI " + SpiVersion.CURRENT + " (added " + added + ", removed " + removed
          + "); raise SpiVersion.CURRENT (the minor version when only adding, else the major version) and save "
          + written.toAbsolutePath() + " as src/test/resources/io/gen4j/spi/surface-<new version>.txt");
    }
  }

  @Test
  void everyEarlierMinorVersionOfThisMajorVersionStillRuns() throws IOException {
    Matcher version = VERSION.matcher(SpiVersion.CURRENT);
    assertThat(version.matches()).isTrue();
    Set<String> current = surface();
    for (int minor = 0; minor < Integer.parseInt(version.group(2)); minor++) {
      String earlier = version.group(1) + "." + minor;
      Set<String> recorded = snapshot(earlier);
      Set<String> removed = new TreeSet<>(recorded);
      removed.removeAll(current);
      assertThat(removed).as("signatures of SPI %s that plugins built for it may use", earlier).isEmpty();
      Set<String> types = new TreeSet<>();
      recorded.forEach(line -> types.add(line.substring(0, line.indexOf(' '))));
      List<String> newAbstract = current.stream()
          .filter(line -> !recorded.contains(line) && line.contains(" abstract ") && line.contains(" method ")
              && types.contains(line.substring(0, line.indexOf(' '))))
          .toList();
      assertThat(newAbstract).as("abstract methods that plugins built for SPI %s do not implement", earlier).isEmpty();
    }
  }

  @Test
  void theSurfaceCoversThePackagesAndTheConfigRecords() {
    Set<String> current = surface();
    assertThat(current).anyMatch(line -> line.startsWith("io.gen4j.spi.ModelProvider "));
    assertThat(current).anyMatch(line -> line.startsWith("io.gen4j.spi.graph.Layers "));
    assertThat(current).anyMatch(line -> line.startsWith("io.gen4j.spi.adversarial.AdversarialLoss "));
    assertThat(current).anyMatch(line -> line.startsWith("io.gen4j.config.OptimizerConfig$Adam "));
    assertThat(current).noneMatch(line -> line.startsWith("io.gen4j.train."));
  }

  private static Set<String> snapshot(String version) throws IOException {
    try (InputStream in = SpiSurfaceTest.class.getResourceAsStream("surface-" + version + ".txt")) {
      if (in == null) {
        fail("no snapshot surface-" + version + ".txt of SPI " + version + " in src/test/resources/io/gen4j/spi");
      }
      Set<String> lines = new TreeSet<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      lines.remove("");
      return lines;
    }
  }

  /** One line per public type and each of its public or protected members, sorted. */
  static Set<String> surface() {
    List<Class<?>> types = new ArrayList<>(CONFIG_TYPES);
    PACKAGES.forEach(name -> types.addAll(classesOf(name)));
    Set<String> lines = new TreeSet<>();
    for (Class<?> type : types) {
      if (!isVisible(type)) {
        continue;
      }
      String name = type.getName();
      lines.add(name + " type " + type.toGenericString()
          + (type.getGenericSuperclass() == null || type.getSuperclass() == Object.class || type.isEnum() || type.isRecord()
              ? "" : " extends " + type.getGenericSuperclass().getTypeName())
          + (type.getGenericInterfaces().length == 0 ? "" : " implements " + String.join(", ",
              Arrays.stream(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName).toList())));
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (isVisible(constructor) && !constructor.isSynthetic()) {
          lines.add(name + " constructor " + constructor.toGenericString());
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (isVisible(method) && !method.isSynthetic() && !method.isBridge()) {
          lines.add(name + " method " + method.toGenericString());
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (isVisible(field) && !field.isSynthetic()) {
          lines.add(name + " field " + field.toGenericString());
        }
      }
    }
    return lines;
  }

  private static boolean isVisible(Class<?> type) {
    for (Class<?> each = type; each != null; each = each.getEnclosingClass()) {
      if (!Modifier.isPublic(each.getModifiers()) || each.isAnonymousClass() || each.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
  }

  private static List<Class<?>> classesOf(String packageName) {
    Path directory;
    try {
      URL mainClasses = ModelProvider.class.getProtectionDomain().getCodeSource().getLocation();
      directory = Path.of(mainClasses.toURI()).resolve(packageName.replace('.', '/'));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Set<Class<?>> classes = new LinkedHashSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".class") && !fileName.equals("package-info.class")) {
          classes.add(Class.forName(packageName + "." + fileName.substring(0, fileName.length() - ".class".length())));
        }
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list the classes of " + packageName + ": " + e.getMessage(), e);
    }
    return List.copyOf(classes);
  }
}
