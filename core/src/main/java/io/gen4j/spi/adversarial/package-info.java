/**
 * What a GAN plugin builds on (part of the plugin API): {@link
 * io.gen4j.spi.adversarial.AdversarialModel} (the base class), {@link
 * io.gen4j.spi.adversarial.AdversarialGraph} (the objectives every GAN shares, from its generator and
 * discriminator), {@link io.gen4j.spi.adversarial.AdversarialSettings} (loss, constraint, critic steps,
 * weight averaging), the {@link io.gen4j.spi.adversarial.AdversarialLoss} interface with the built-in
 * {@link io.gen4j.spi.adversarial.StandardLoss}es, and the Lipschitz constraints.
 */
package io.gen4j.spi.adversarial;
