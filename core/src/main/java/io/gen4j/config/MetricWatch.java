package io.gen4j.config;

import io.gen4j.spi.InvalidConfigException;

/** The check the configs that watch a metric share. */
final class MetricWatch {

  private MetricWatch() {}

  static String requireMetric(String metric) {
    if (metric == null || metric.isBlank()) {
      throw new InvalidConfigException(
          "metric", "required: the series to watch, e.g. g_loss or 'mnist-test negative_elbo'");
    }
    return metric.strip();
  }
}
