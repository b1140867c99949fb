package io.gen4j.eval;

/**
 * Opens the feature space an evaluation of a dataset is measured in: the {@link FeatureNetworkCache}
 * (gen4j's network for that dataset, trained on first use) or {@link SavedModelFeatures#provider} (a
 * network the user supplies).
 */
@FunctionalInterface
public interface FeatureSpaceProvider {

  /** The feature space for {@code dataset}; the caller closes it. */
  FeatureSpace open(EvaluationDataset dataset);
}
