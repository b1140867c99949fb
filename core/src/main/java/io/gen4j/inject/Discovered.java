package io.gen4j.inject;

import static java.util.Objects.requireNonNull;

/**
 * A provider that loaded and passed its checks, with its name and the jar it came from.
 *
 * @param <T> the service type
 * @param name the name configs and models use for it ({@code model.type}, a trainer's name)
 * @param provider the provider
 * @param jar where its class came from
 */
public record Discovered<T>(String name, T provider, PluginJar jar) {

  public Discovered {
    requireNonNull(name, "name is null");
    requireNonNull(provider, "provider is null");
    requireNonNull(jar, "jar is null");
  }
}
