/**
 * Graph-building helpers over {@link org.tensorflow.op.Ops}: networks with stably named variables
 * ({@link io.gen4j.graph.NetworkBuilder}), layers ({@link io.gen4j.graph.Layers}), and optimizers for
 * per-network updates ({@link io.gen4j.graph.Optimizers}). Variable names are {@code
 * <network>.<layer>.<parameter>} so checkpoints restore by name.
 */
package io.gen4j.graph;
