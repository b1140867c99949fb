/**
 * The {@code folder} dataset type: a folder of images (PNG, JPEG, BMP, GIF), read recursively, labelled
 * by first-level subfolder when asked, brought to one size and channel count, and decoded once, in
 * parallel, into the dataset cache; a change to the folder rebuilds it. JPEG variants the JDK cannot
 * read (CMYK, YCCK, progressive with odd markers) are read with TwelveMonkeys ImageIO.
 */
package io.gen4j.data.folder;
