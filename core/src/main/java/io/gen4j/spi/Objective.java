package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * A loss that one network minimizes. Core builds the update (gradients of {@code loss} with respect to
 * the network's variables only, applied by that network's optimizer); the model's {@link
 * GenerativeModel#trainer() trainer} decides when each objective runs.
 *
 * @param name the objective's name, which trainers refer to (e.g. "discriminator")
 * @param network the network whose variables this objective updates
 * @param loss the scalar to minimize
 * @param consumesData whether an update needs a new batch of real images
 * @param metrics scalars fetched with every update, by name; when empty, the loss is fetched as
 *     {@code <name>_loss}
 * @param sideUpdates ops run together with every update, such as batch-norm moving averages
 * @param afterUpdate ops that run after the optimizer has applied its update, such as weight clipping;
 *     built by core with a control dependency on the update
 */
public record Objective(
    String name,
    Network network,
    Operand<TFloat32> loss,
    boolean consumesData,
    Map<String, Operand<TFloat32>> metrics,
    List<Op> sideUpdates,
    PostUpdate afterUpdate) {

  public Objective {
    requireNonNull(name, "name is null");
    requireNonNull(network, "network is null");
    requireNonNull(loss, "loss is null");
    metrics = Map.copyOf(metrics);
    sideUpdates = List.copyOf(sideUpdates);
    requireNonNull(afterUpdate, "afterUpdate is null");
  }

  /** An objective with no extra metrics, side updates or post-update ops. */
  public static Objective of(String name, Network network, Operand<TFloat32> loss, boolean consumesData) {
    return new Objective(name, network, loss, consumesData, Map.of(), List.of(), PostUpdate.NONE);
  }

  /** This objective, also fetching the given metrics. */
  public Objective withMetrics(Map<String, Operand<TFloat32>> moreMetrics) {
    Map<String, Operand<TFloat32>> all = new LinkedHashMap<>(metrics);
    all.putAll(moreMetrics);
    return new Objective(name, network, loss, consumesData, all, sideUpdates, afterUpdate);
  }

  /** This objective, also running the given ops with each update. */
  public Objective withSideUpdates(List<Op> ops) {
    return new Objective(
        name, network, loss, consumesData, metrics, concat(sideUpdates, ops), afterUpdate);
  }

  /** This objective, running {@code postUpdate} after each optimizer update. */
  public Objective withAfterUpdate(PostUpdate postUpdate) {
    return new Objective(name, network, loss, consumesData, metrics, sideUpdates, postUpdate);
  }

  private static List<Op> concat(List<Op> first, List<Op> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}
