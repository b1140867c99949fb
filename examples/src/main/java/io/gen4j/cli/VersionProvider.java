package io.gen4j.cli;

import java.util.Optional;
import org.tensorflow.TensorFlow;
import picocli.CommandLine;

/** {@code gen4j --version}: gen4j's and TensorFlow's versions. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Optional.ofNullable(VersionProvider.class.getPackage().getImplementationVersion())
        .orElse("development build");
    return new String[] {"gen4j " + version, "TensorFlow " + TensorFlow.version()};
  }
}
