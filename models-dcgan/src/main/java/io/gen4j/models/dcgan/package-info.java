/** The deep convolutional GAN ({@code dcgan}) of Radford et al., adapted to small images. */
package io.gen4j.models.dcgan;
