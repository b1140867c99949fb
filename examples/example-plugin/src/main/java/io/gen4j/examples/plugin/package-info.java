/**
 * An example model plugin, {@code tiny-mlp-gan}, compiled against gen4j-core alone: a config record, a
 * provider registered in {@code META-INF/services/io.gen4j.spi.ModelProvider}, and a model that builds
 * its graph with core's layers and shared adversarial graph. Copy this module to start a new
 * architecture.
 */
package io.gen4j.examples.plugin;
