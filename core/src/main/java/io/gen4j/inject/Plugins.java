package io.gen4j.inject;

import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.TrainerProvider;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What discovery found: the usable model, trainer and dataset providers by name, each with its jar, and the
 * plugins that cannot be used with the reason. {@code gen4j models} lists both; {@link
 * io.gen4j.Gen4j#create(ClassLoader)} refuses to start while any plugin is broken.
 *
 * @param models usable model providers by {@code model.type}, sorted
 * @param trainers usable trainer providers by name, sorted
 * @param datasets usable dataset providers by {@code data.type}, sorted
 * @param problems broken plugins, in discovery order
 */
public record Plugins(
    Map<String, Discovered<ModelProvider<?>>> models,
    Map<String, Discovered<TrainerProvider>> trainers,
    Map<String, Discovered<DatasetProvider<?>>> datasets,
    List<PluginProblem> problems) {

  public Plugins {
    models = Collections.unmodifiableMap(new TreeMap<>(models));
    trainers = Collections.unmodifiableMap(new TreeMap<>(trainers));
    datasets = Collections.unmodifiableMap(new TreeMap<>(datasets));
    problems = List.copyOf(problems);
  }

  /**
   * These plugins, when none is broken.
   *
   * @throws PluginException with the first problem's line, and how many more there are
   */
  public Plugins requireHealthy() {
    if (problems.isEmpty()) {
      return this;
    }
    String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more plugin problems; gen4j models lists them)";
    throw new PluginException(problems.get(0).message() + more);
  }

  /** The jar a model type came from. */
  public Optional<PluginJar> jarOfModel(String type) {
    return Optional.ofNullable(models.get(type)).map(Discovered::jar);
  }

  /** The jar a trainer came from. */
  public Optional<PluginJar> jarOfTrainer(String name) {
    return Optional.ofNullable(trainers.get(name)).map(Discovered::jar);
  }

  /** The usable dataset providers by {@code data.type}, without their jars. */
  public Map<String, DatasetProvider<?>> datasetProviders() {
    Map<String, DatasetProvider<?>> providers = new TreeMap<>();
    datasets.forEach((type, found) -> providers.put(type, found.provider()));
    return Collections.unmodifiableMap(providers);
  }

  /** The jar a dataset type came from. */
  public Optional<PluginJar> jarOfDataset(String type) {
    return Optional.ofNullable(datasets.get(type)).map(Discovered::jar);
  }
}
