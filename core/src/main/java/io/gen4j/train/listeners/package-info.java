/** The built-in {@link io.gen4j.spi.TrainingListener}s: metrics file, sample grids, log lines. */
package io.gen4j.train.listeners;
