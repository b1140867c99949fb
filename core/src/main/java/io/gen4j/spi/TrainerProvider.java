package io.gen4j.spi;

/**
 * A way of training a model's objectives, named by {@link GenerativeModel#trainer()}. Discovered with
 * {@link java.util.ServiceLoader} from {@code META-INF/services/io.gen4j.spi.TrainerProvider}.
 */
public interface TrainerProvider {

  /** The name models use to ask for this trainer. */
  String name();

  /** One line for {@code gen4j models}. */
  String description();

  /**
   * Creates a trainer for a built model.
   *
   * @param graph the model's graph; a trainer checks that the objectives it needs are there
   * @param settings how often each objective runs, from the model's config
   * @throws IllegalArgumentException naming the objectives it needs when they are missing
   */
  Trainer create(ModelGraph graph, TrainerSettings settings);

  /**
   * The plugin API this provider was built against: implement it as {@code return SpiVersion.CURRENT;}.
   * The compiler copies the constant's value into the provider's class, so gen4j can refuse, with a
   * sentence, a plugin built for an API it does not have (see {@link SpiVersion}).
   */
  String spiVersion();
}
