/** The adversarial trainer: alternating discriminator (critic) and generator updates. */
package io.gen4j.train.adversarial;
