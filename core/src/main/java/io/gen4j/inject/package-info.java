/**
 * Plugin discovery and wiring: {@link java.util.ServiceLoader} finds model and trainer providers, and
 * {@link io.gen4j.inject.Gen4jModule} binds them into Guice map bindings. Plugins never write Guice code.
 */
package io.gen4j.inject;
