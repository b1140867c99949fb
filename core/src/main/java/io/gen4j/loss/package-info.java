/** Losses of generative models: the adversarial family shared by every GAN. */
package io.gen4j.loss;
