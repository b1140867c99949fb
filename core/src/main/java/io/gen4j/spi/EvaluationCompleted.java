package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's {@link Evaluation} scores, averaged over a held-out dataset.
 *
 * @param step the number of completed training steps of the scored weights
 * @param dataset the dataset scored, e.g. {@code mnist-test}
 * @param images how many images were scored (all of the dataset's)
 * @param protocol how images became observations, e.g. "dynamic binarization"
 * @param metrics each score's mean over the images, by name, e.g. {@code negative_elbo} in nats
 */
public record EvaluationCompleted(
    long step, String dataset, int images, String protocol, Map<String, Double> metrics) {

  public EvaluationCompleted {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(protocol, "protocol is null");
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }
}
