package io.gen4j.models.vae;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * The {@code model} section of a {@code vae} experiment: a variational autoencoder with a diagonal
 * Gaussian latent, a standard normal prior and a Bernoulli, Gaussian or discretized logistic likelihood.
 *
 * @param latentSize size of the latent vector z; default 20
 * @param encoder the kind of networks, {@code mlp} (default) or {@code conv}
 * @param hiddenLayers widths of the encoder's hidden layers, each followed by ReLU; the decoder uses them
 *     in reverse; may be empty; default [512, 256]
 * @param convFilters with {@code encoder: conv}, filters of the stride-2 3x3 convolutions before the
 *     hidden layers; default [32, 64]
 * @param beta weight of the KL term in the loss, at least 0 (1 is the ELBO, Higgins et al.'s beta-VAE
 *     above 1); default 1
 * @param binarize how intensities become Bernoulli data: {@code dynamic} (default), {@code fixed} or
 *     {@code none}; see {@link Binarization}; the continuous likelihoods take {@code none} only
 * @param likelihood the decoder's distribution: {@code bernoulli} (default) for binarized data, {@code
 *     gaussian} or {@code discretized-logistic} for 8-bit colour or grey levels; see {@link Likelihood}
 * @param samplingPrior a Gaussian mixture fitted to the posterior means during training, which samples are
 *     drawn from instead of N(0, I) ({@link SamplingPriorConfig}); default none (empty; {@code null} in JSON)
 */
public record VaeConfig(
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Size of the latent vector z.")
    int latentSize,
    @JsonPropertyDescription("The kind of networks: mlp, or conv (stride-2 3x3 convolutions before the hidden"
        + " layers, transposed convolutions in the decoder).")
    Architecture encoder,
    @JsonPropertyDescription("Widths of the encoder's hidden layers, each followed by ReLU; the decoder uses them"
        + " in reverse.")
    List<@Min(1) @Max(ConfigChecks.MAX_SIZE) Integer> hiddenLayers,
    @JsonPropertyDescription("With encoder conv, filters of each stride-2 3x3 convolution (at least one).")
    List<@Min(1) @Max(ConfigChecks.MAX_SIZE) Integer> convFilters,
    @DecimalMin("0") @JsonPropertyDescription("Weight of the KL term in the loss: 1 is the ELBO, above 1 a beta-VAE.")
    float beta,
    @JsonPropertyDescription("How intensities become Bernoulli data: dynamic (drawn per batch, the literature"
        + " protocol), fixed (thresholded at 0.5) or none (grey levels as targets).")
    Binarization binarize,
    @JsonPropertyDescription("The decoder's distribution: bernoulli for binarized data, gaussian or"
        + " discretized-logistic for 8-bit colour or grey levels (these take binarize none only).")
    Likelihood likelihood,
    @JsonPropertyDescription("A Gaussian mixture fitted to the posterior means during training, sampled from instead"
        + " of N(0, I), e.g. {\"components\": 50}; null (default) samples the standard normal prior.")
    Optional<SamplingPriorConfig> samplingPrior) implements ModelConfig {

  /** The defaults listed above. */
  public static final VaeConfig DEFAULT =
      new VaeConfig(20, Architecture.MLP, List.of(512, 256), List.of(32, 64), 1f, Binarization.DYNAMIC,
          Likelihood.BERNOULLI);

  /** A configuration that samples the standard normal prior. */
  public VaeConfig(int latentSize, Architecture encoder, List<Integer> hiddenLayers, List<Integer> convFilters,
      float beta, Binarization binarize, Likelihood likelihood) {
    this(latentSize, encoder, hiddenLayers, convFilters, beta, binarize, likelihood, Optional.empty());
  }

  public VaeConfig {
    ConfigChecks.size("latentSize", latentSize);
    if (encoder == null) {
      throw new InvalidConfigException("encoder", "must be one of mlp, conv");
    }
    hiddenLayers = widths("hiddenLayers", hiddenLayers, false);
    convFilters = widths("convFilters", convFilters, encoder == Architecture.CONV);
    if (!(beta >= 0) || Float.isInfinite(beta)) {
      throw new InvalidConfigException("beta", "must be a finite number of at least 0, got " + beta);
    }
    if (binarize == null) {
      throw new InvalidConfigException("binarize", "must be one of dynamic, fixed, none");
    }
    if (likelihood == null) {
      throw new InvalidConfigException("likelihood", "must be one of bernoulli, gaussian, discretized-logistic");
    }
    samplingPrior = samplingPrior == null ? Optional.empty() : samplingPrior;
    if (likelihood.continuous() && binarize != Binarization.NONE) {
      throw new InvalidConfigException("binarize", "the " + jsonName(likelihood)
          + " likelihood models the 256 levels of 8-bit data, not binarized pixels; set binarize to none, got "
          + jsonName(binarize));
    }
  }

  private static String jsonName(Enum<?> value) {
    try {
      return value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class).value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Integer> widths(String field, List<Integer> widths, boolean required) {
    if (widths == null) {
      throw new InvalidConfigException(field, "must be an array of widths");
    }
    if (required && widths.isEmpty()) {
      throw new InvalidConfigException(field, "must list at least one layer with encoder conv");
    }
    for (int i = 0; i < widths.size(); i++) {
      Integer width = widths.get(i);
      if (width == null) {
        throw new InvalidConfigException(field + "[" + i + "]", "must be at least 1, got null");
      }
      ConfigChecks.size(field + "[" + i + "]", width);
    }
    return List.copyOf(widths);
  }
}
