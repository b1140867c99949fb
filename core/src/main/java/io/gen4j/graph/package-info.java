/**
 * Core's own graph machinery, not for plugins: per-network optimizer updates ({@link
 * io.gen4j.graph.Optimizers}), weight clipping and averaging, and graph queries. Plugins build their
 * networks with {@link io.gen4j.spi.graph}.
 */
package io.gen4j.graph;
