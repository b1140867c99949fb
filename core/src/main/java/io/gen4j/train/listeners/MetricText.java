package io.gen4j.train.listeners;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How progress displays write metrics: short names ({@code d_loss} is {@code d}, {@code
 * generator_grad_norm} is {@code G_grad}) and
 * values with four significant digits in at most nine characters.
 */
public final class MetricText {

  /** Parts of metric names and their short forms, applied in order. */
  private static final List<Map.Entry<String, String>> SHORT_FORMS = List.of(
      Map.entry("discriminator_", "D_"),
      Map.entry("generator_", "G_"),
      Map.entry("critic_", "C_"),
      Map.entry("_grad_norm", "_grad"),
      Map.entry("_learning_rate", "_lr"),
      Map.entry("negative_elbo", "-elbo"),
      Map.entry("reconstruction", "recon"),
      Map.entry("wasserstein_estimate", "W_est"),
      Map.entry("gradient_penalty", "gp"));

  private MetricText() {}

  /** A metric's short name: the long words of gen4j's metric names abbreviated, others unchanged. */
  public static String shortName(String name) {
    if (name.length() == "d_loss".length() && name.endsWith("_loss")) {
      return name.substring(0, 1); // d_loss, g_loss, c_loss: d, g, c
    }
    String shortened = name;
    for (Map.Entry<String, String> form : SHORT_FORMS) {
      shortened = shortened.replace(form.getKey(), form.getValue());
    }
    return shortened;
  }

  /**
   * A value with four significant digits: {@code 0.6931}, {@code 1.250}, {@code 1235}, {@code 12346};
   * below 0.001 or from 100,000 on in scientific notation, {@code 1.23e-05}.
   */
  public static String value(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    double magnitude = Math.abs(value);
    if (value != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
      return String.format(Locale.ROOT, "%.2e", value);
    }
    if (magnitude >= 1e4) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
