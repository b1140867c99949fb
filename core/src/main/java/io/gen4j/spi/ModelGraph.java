package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What a model built: its objectives and the path from a latent batch to images.
 *
 * @param objectives the losses its networks minimize, in the order a trainer normally runs them
 * @param latent placeholder of shape {@code [n, latentSize]} that sampling feeds, with a known latent
 *     size (any batch size)
 * @param samples images decoded from {@code latent} in sampling mode (batch norm on moving statistics,
 *     no dropout), shape {@code [n, height, width, channels]} in the model's pixel range
 * @param evaluation optional: scores of held-out images (see {@link Evaluation})
 * @param encoder optional: the path from images to latent codes (see {@link Encoder})
 * @param labels for a conditional model, the placeholder of class labels {@code samples} also reads,
 *     int32 of shape {@code [n]} (one label per latent vector, each in {@code [0,
 *     GraphContext.classCount())}): sampling, the sample grids, evaluation and export feed it
 */
public record ModelGraph(
    List<Objective> objectives,
    Placeholder<TFloat32> latent,
    Operand<TFloat32> samples,
    Optional<Evaluation> evaluation,
    Optional<Encoder> encoder,
    Optional<Placeholder<TInt32>> labels) {

  /** A model graph without the optional capabilities. */
  public ModelGraph(List<Objective> objectives, Placeholder<TFloat32> latent, Operand<TFloat32> samples) {
    this(objectives, latent, samples, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public ModelGraph {
    objectives = List.copyOf(objectives);
    requireNonNull(latent, "latent is null");
    if (latent.shape().numDimensions() != 2 || latent.shape().size(1) < 1) {
      throw new IllegalArgumentException(
          "the latent placeholder must have shape [n, latentSize] with a known latent size, got " + latent.shape());
    }
    requireNonNull(samples, "samples is null");
    requireNonNull(evaluation, "evaluation is null");
    requireNonNull(encoder, "encoder is null");
    requireNonNull(labels, "labels is null");
    labels.ifPresent(placeholder -> {
      if (placeholder.shape().numDimensions() != 1) {
        throw new IllegalArgumentException("the labels placeholder must have shape [n], got " + placeholder.shape());
      }
    });
    Set<String> names = new HashSet<>();
    for (Objective objective : objectives) {
      if (!names.add(objective.name())) {
        throw new IllegalArgumentException("two objectives are named " + objective.name());
      }
    }
  }

  /** This graph, with held-out scores. */
  public ModelGraph withEvaluation(Evaluation scores) {
    return new ModelGraph(objectives, latent, samples, Optional.of(scores), encoder, labels);
  }

  /** This graph, with a path from images to latent codes. */
  public ModelGraph withEncoder(Encoder imagesToCodes) {
    return new ModelGraph(objectives, latent, samples, evaluation, Optional.of(imagesToCodes), labels);
  }

  /** This graph, whose sampling path is conditioned on the class labels fed to {@code sampleLabels}. */
  public ModelGraph withLabels(Placeholder<TInt32> sampleLabels) {
    return new ModelGraph(objectives, latent, samples, evaluation, encoder, Optional.of(sampleLabels));
  }

  /** Whether sampling takes class labels. */
  public boolean conditional() {
    return labels.isPresent();
  }

  /** Size of the latent vectors {@link #samples()} decodes: the width of {@link #latent()}. */
  public int latentSize() {
    return (int) latent.shape().size(1);
  }

  /** The objective of that name, if the model has one. */
  public Optional<Objective> objective(String name) {
    return objectives.stream().filter(objective -> objective.name().equals(name)).findFirst();
  }

  /** Names of the objectives, in order. */
  public List<String> objectiveNames() {
    return objectives.stream().map(Objective::name).toList();
  }
}
