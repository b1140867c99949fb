package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * An optional capability of a {@link ModelGraph}: the path from images to latent codes, such as a VAE's
 * posterior mean. Decoding the codes with {@link ModelGraph#samples()} gives reconstructions; decoding
 * mixtures of two codes gives interpolations. Deterministic: it draws no noise.
 *
 * @param images placeholder of shape {@code [n, height, width, channels]}, fed with images in the
 *     model's {@link PixelRange}
 * @param codes the latent codes of {@code images}, shape {@code [n, latentSize]}
 */
public record Encoder(Placeholder<TFloat32> images, Operand<TFloat32> codes) {

  public Encoder {
    requireNonNull(images, "images is null");
    requireNonNull(codes, "codes is null");
  }
}
