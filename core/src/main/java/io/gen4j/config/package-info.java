/**
 * Experiment configuration: immutable records with documented defaults, loaded from JSON by {@link
 * io.gen4j.config.ConfigLoader}, which names the file and JSON path of any mistake.
 */
package io.gen4j.config;
