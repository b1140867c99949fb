package io.gen4j.inject;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where providers came from: a jar, or a class path directory (in a build). Names it in every message
 * about its providers, and says what code made a run in its {@code provenance.json}.
 *
 * @param location the jar file or class directory
 * @param builtIn whether it is gen4j's own code (the jar or directory holding gen4j's core)
 * @param artifact Maven {@code groupId:artifactId}, when the jar holds exactly one {@code pom.properties}
 * @param version the artifact's version, else the manifest's {@code Implementation-Version}, else
 *     {@code unknown}
 */
public record PluginJar(Path location, boolean builtIn, Optional<String> artifact, String version) {

  /** What {@link #version()} says when the jar does not tell. */
  public static final String UNKNOWN_VERSION = "unknown";

  public PluginJar {
    requireNonNull(location, "location is null");
    requireNonNull(artifact, "artifact is null");
    requireNonNull(version, "version is null");
  }

  /** The jar or directory of a class's code; empty when the JVM does not say (a JDK class, say). */
  static Optional<Path> locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? Optional.empty() : Optional.of(toPath(source.getLocation()));
  }

  /** Reads a jar's Maven coordinates and version; a directory has neither. */
  static PluginJar read(Path location) {
    boolean builtIn = locationOf(PluginJar.class).map(location::equals).orElse(false);
    if (!Files.isRegularFile(location)) {
      return new PluginJar(location, builtIn, Optional.empty(), UNKNOWN_VERSION);
    }
    try (JarFile jar = new JarFile(location.toFile())) {
      List<Properties> poms = new ArrayList<>();
      for (JarEntry entry : java.util.Collections.list(jar.entries())) {
        if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
          Properties properties = new Properties();
          try (InputStream in = jar.getInputStream(entry)) {
            properties.load(in);
          }
          poms.add(properties);
        }
      }
      if (poms.size() == 1 && poms.get(0).getProperty("artifactId") != null) {
        Properties pom = poms.get(0);
        return new PluginJar(location, builtIn,
            Optional.of(pom.getProperty("groupId") + ":" + pom.getProperty("artifactId")),
            pom.getProperty("version", UNKNOWN_VERSION));
      }
      Manifest manifest = jar.getManifest();
      String version = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
      return new PluginJar(location, builtIn, Optional.empty(), version != null ? version : UNKNOWN_VERSION);
    } catch (IOException e) {
      throw new PluginException(location + ": not a readable jar: " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of the jar file, in hex; empty for a directory. */
  public Optional<String> sha256() {
    if (!Files.isRegularFile(location)) {
      return Optional.empty();
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(location), MessageDigest.getInstance("SHA-256"))) {
      DigestInputStream digesting = (DigestInputStream) in;
      digesting.transferTo(java.io.OutputStream.nullOutputStream());
      return Optional.of(HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** A short name for tables: a jar's file name ({@code gen4j-cgan-0.1.0.jar}), a directory's path. */
  public String shortName() {
    return Files.isRegularFile(location) && location.getFileName() != null
        ? location.getFileName().toString()
        : location.toString();
  }

  /** The location as messages name it: the path, with "built in" for gen4j's own code. */
  @Override
  public String toString() {
    return location + (builtIn ? " (built in)" : "");
  }

  static Path toPath(URL url) {
    try {
      return Path.of(url.toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Path.of(url.getPath());
    }
  }
}
