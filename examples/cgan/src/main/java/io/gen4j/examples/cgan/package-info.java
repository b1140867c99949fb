/**
 * {@code cgan}, a class-conditional DCGAN written as an outside plugin: it depends on gen4j-core (and,
 * for its tests, gen4j-testing) alone. The worked example of the plugin guide, {@code docs/plugins.md}.
 */
package io.gen4j.examples.cgan;
