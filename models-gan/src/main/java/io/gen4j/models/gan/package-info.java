/** MLP generative adversarial networks: the vanilla GAN ({@code gan}). */
package io.gen4j.models.gan;
