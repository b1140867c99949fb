/**
 * The variational autoencoder ({@code vae}), trained by core's default trainer: an MLP or
 * convolutional encoder to a diagonal Gaussian latent, a decoder to Bernoulli pixel logits, trained on
 * the negative ELBO, with held-out scores (test-set negative ELBO, importance-sampled likelihood) and an
 * encoder for reconstructions and interpolations.
 */
package io.gen4j.models.vae;
