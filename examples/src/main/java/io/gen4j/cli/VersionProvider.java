package io.gen4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import org.tensorflow.TensorFlow;
import picocli.CommandLine;

/** {@code gen4j --version}: gen4j's, TensorFlow's and Java's versions. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Optional.ofNullable(VersionProvider.class.getPackage().getImplementationVersion())
        .orElse("development build");
    return new String[] {
      "gen4j " + version,
      "TensorFlow " + TensorFlow.version() + " (TensorFlow Java " + tensorFlowJava() + ")",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
          + System.getProperty("java.vm.name") + ")",
      System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
    };
  }

  /** TensorFlow Java's version, from the Maven metadata in its jar. */
  private static String tensorFlowJava() {
    try (InputStream properties =
        TensorFlow.class.getResourceAsStream("/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")) {
      if (properties == null) {
        return "version unknown";
      }
      Properties maven = new Properties();
      maven.load(properties);
      return maven.getProperty("version", "version unknown");
    } catch (IOException e) {
      return "version unknown";
    }
  }
}
