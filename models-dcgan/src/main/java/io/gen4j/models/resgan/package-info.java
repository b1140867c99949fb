/**
 * The residual GAN ({@code resgan}): the SN-GAN / BigGAN-style residual generator and discriminator used
 * for 32x32 images in StudioGAN and compare_gan, sized for 28x28 to 64x64 images.
 */
package io.gen4j.models.resgan;
