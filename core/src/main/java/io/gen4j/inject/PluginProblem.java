package io.gen4j.inject;

import static java.util.Objects.requireNonNull;

/**
 * A plugin that cannot be used, and why.
 *
 * @param subject what is broken: {@code model type 'cgan'}, {@code trainer 'x'} or, when its name is
 *     not known, {@code plugin class io.example.FooProvider}
 * @param jar the jar (or class directory) it came from
 * @param cause why, as a phrase
 */
public record PluginProblem(String subject, PluginJar jar, String cause) {

  public PluginProblem {
    requireNonNull(subject, "subject is null");
    requireNonNull(jar, "jar is null");
    requireNonNull(cause, "cause is null");
  }

  /** One line: the jar, the subject and the cause. */
  public String message() {
    return jar + ": " + subject + ": " + cause;
  }
}
