package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ThreadsConfig;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/**
 * The thread pool sizes a session gets when {@code training.threads} leaves both to gen4j ({@link
 * ThreadsConfig#automatic()}, the default): what measured fastest on a 2-core CPU, by the kind of graph
 * (the figures are in docs/results.md).
 *
 * <ul>
 *   <li>Mostly matrix products (the MLPs {@code gan}, {@code wgan}, {@code vae}): one thread per core
 *       in both pools, TensorFlow's own choice. {@code gen4j bench --threads} on 2 cores (2026-12-03)
 *       measured it fastest or within 8% of the fastest at batch 64 and 256: one intra-op thread with
 *       two inter-op threads won for {@code gan} at 64 (+8%) but lost 6-16% elsewhere.
 *   <li>Mostly convolutions ({@code dcgan}): one intra-op thread per core, and one inter-op thread.
 *       Each convolution is large enough to split well, and ops side by side only fight over the
 *       cores; measured level with both pools at one thread per core (263 and 260 images/s at
 *       batch 64), and far ahead of one intra-op thread (149-179).
 * </ul>
 *
 * <p>A graph is convolutional when convolutions make up at least half of its contraction FLOPs.
 */
public final class ThreadsChoice {

  /** Share of a graph's contraction FLOPs in convolutions from which the graph is convolutional. */
  public static final double CONVOLUTIONAL_SHARE = 0.5;

  private ThreadsChoice() {}

  /**
   * The pools a session on {@code graph} uses: {@code configured} itself unless it is automatic, else
   * the choice for the graph on {@code processors} cores.
   */
  public static ThreadsConfig resolve(ThreadsConfig configured, Graph graph, int processors) {
    requireNonNull(configured, "configured is null");
    requireNonNull(graph, "graph is null");
    return configured.automatic() ? forContractions(census(graph), processors) : configured;
  }

  /** The choice for a graph with these contractions, on {@code processors} cores. */
  public static ThreadsConfig forContractions(Map<Contraction, Integer> contractions, int processors) {
    requireNonNull(contractions, "contractions is null");
    if (processors < 1) {
      throw new IllegalArgumentException("processors must be at least 1, got " + processors);
    }
    long total = ContractionCensus.flops(contractions);
    long convolutions = contractions.entrySet().stream()
        .filter(entry -> !entry.getKey().type().equals(Contraction.MATMUL))
        .mapToLong(entry -> entry.getKey().flops() * entry.getValue())
        .sum();
    boolean convolutional = total > 0 && convolutions >= CONVOLUTIONAL_SHARE * total;
    return convolutional ? new ThreadsConfig(processors, 1) : new ThreadsConfig(processors, processors);
  }

  /** Every contraction of the graph, counted by shape. */
  private static Map<Contraction, Integer> census(Graph graph) {
    Map<Contraction, Integer> counts = new LinkedHashMap<>();
    Iterator<GraphOperation> operations = graph.operations();
    while (operations.hasNext()) {
      Contraction.of(operations.next()).ifPresent(contraction -> counts.merge(contraction, 1, Integer::sum));
    }
    return counts;
  }
}
