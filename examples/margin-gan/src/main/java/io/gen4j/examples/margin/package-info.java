/**
 * {@code margin-gan}, an example plugin written from the plugin guide ({@code docs/plugins.md}): an MLP
 * GAN whose loss, a hinge loss with a configurable margin, is its own {@link
 * io.gen4j.spi.adversarial.AdversarialLoss}.
 */
package io.gen4j.examples.margin;
