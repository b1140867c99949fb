/**
 * The contract between gen4j's core and its model plugins.
 *
 * <p>A plugin is one {@link io.gen4j.spi.ModelProvider} class, one {@link io.gen4j.spi.ModelConfig}
 * record, the graph code of its {@link io.gen4j.spi.GenerativeModel}, and one line in {@code
 * META-INF/services/io.gen4j.spi.ModelProvider}. Core discovers providers with {@link
 * java.util.ServiceLoader}, wires them with Guice (plugins never write Guice code), selects one by
 * the {@code model.type} of an experiment's JSON config, and runs the generic training loop with the
 * {@link io.gen4j.spi.TrainerProvider trainer} the model names.
 *
 * <p>Dataset types are plugins the same way: a {@link io.gen4j.spi.DatasetProvider}, its {@link
 * io.gen4j.spi.DatasetConfig} record and one line in {@code META-INF/services/io.gen4j.spi.DatasetProvider};
 * an experiment selects one by {@code data.type}, and it returns {@link io.gen4j.spi.DatasetSplits}.
 */
package io.gen4j.spi;
