/**
 * Graph-building helpers for models (part of the plugin API): networks with stably named variables
 * ({@link io.gen4j.spi.graph.NetworkBuilder}), layers ({@link io.gen4j.spi.graph.Layers}) and the
 * training or sampling {@link io.gen4j.spi.graph.Mode}. Variable names are {@code
 * <network>.<layer>.<parameter>} so checkpoints restore by name.
 */
package io.gen4j.spi.graph;
