package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.Evaluation;
import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Scores a model's {@link Evaluation} on every image of a held-out dataset, in a session of its graph:
 * the mean of each score, and the importance-sampled estimate of the negative log-likelihood. Each
 * batch is observed once and every score and chunk of importance samples of it is computed from that
 * observation. Noise keys are a function of the seed and the batch alone, so scoring the same weights
 * twice gives the same numbers, and all scorings of a run see the same observations.
 */
public final class HeldOutEvaluator {

  /** Keeps evaluation noise keys apart from training's {@code [seed, counter]} keys. */
  private static final long KEY_SALT = 0x6A09E667F3BCC909L;

  /** Spaces the noise counters of consecutive batches; runs within a batch count up from there. */
  private static final long RUNS_PER_BATCH = 1L << 32;

  private static final int OBSERVE_RUN = 0;
  private static final int SCORES_RUN = 1;
  private static final int FIRST_SAMPLES_RUN = 2;

  private final Session session;
  private final ModelAssembly assembly;
  private final Evaluation evaluation;
  private final PixelRange range;
  private final long seed;

  /**
   * @param session a session of {@code assembly}'s graph with the weights to score
   * @param evaluation the model's evaluation, from {@code assembly}
   * @param range the model's pixel range, which images are scaled to before they are fed
   * @param seed seeds the observations and draws
   */
  public HeldOutEvaluator(
      Session session, ModelAssembly assembly, Evaluation evaluation, PixelRange range, long seed) {
    this.session = requireNonNull(session, "session is null");
    this.assembly = requireNonNull(assembly, "assembly is null");
    this.evaluation = requireNonNull(evaluation, "evaluation is null");
    this.range = requireNonNull(range, "range is null");
    this.seed = seed;
  }

  /**
   * The mean of every score over all images of {@code dataset}.
   *
   * @param step the training step of the session's weights, reported with the scores
   */
  public EvaluationCompleted score(ImageDataset dataset, long step) {
    requireShape(dataset);
    ScoreSums sums = new ScoreSums();
    forEachBatch(dataset, (batch, observations, valid) -> sums.add(scores(observations, batch), valid));
    return new EvaluationCompleted(step, dataset.name(), dataset.count(), evaluation.protocol(), sums.means());
  }

  /**
   * The IWAE estimate of the negative log-likelihood with {@code samples} draws per image, over all
   * images of {@code dataset}, with the model's scores on the same observations. Each image's log of the
   * mean importance weight is accumulated in double precision with a running log-sum-exp.
   *
   * @param step the training step of the session's weights, reported with the estimate
   * @throws IllegalArgumentException if the model has no importance weights, or {@code samples} is
   *     less than 1
   */
  public LikelihoodEstimate logLikelihood(ImageDataset dataset, int samples, long step) {
    requireShape(dataset);
    Operand<TFloat32> weights = evaluation.logImportanceWeights()
        .orElseThrow(() -> new IllegalArgumentException("the model has no importance weights to estimate a likelihood with"));
    if (samples < 1) {
      throw new IllegalArgumentException("the number of importance samples must be at least 1, got " + samples);
    }
    int perRun = evaluation.samplesPerRun();
    int runs = (samples + perRun - 1) / perRun;
    ScoreSums sums = new ScoreSums();
    double[] total = new double[2];
    double logSamples = Math.log(samples);
    forEachBatch(dataset, (batch, observations, valid) -> {
      sums.add(scores(observations, batch), valid);
      double[] max = new double[valid];
      double[] scaledSum = new double[valid];
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int run = 0; run < runs; run++) {
        float[] logWeights = fetch(weights, observations, batch, FIRST_SAMPLES_RUN + run);
        int take = Math.min(perRun, samples - run * perRun);
        for (int image = 0; image < valid; image++) {
          for (int sample = 0; sample < take; sample++) {
            double logWeight = logWeights[image * perRun + sample];
            if (logWeight > max[image]) {
              scaledSum[image] = scaledSum[image] * Math.exp(max[image] - logWeight) + 1;
              max[image] = logWeight;
            } else {
              scaledSum[image] += Math.exp(logWeight - max[image]);
            }
          }
        }
      }
      for (int image = 0; image < valid; image++) {
        double negativeLogLikelihood = -(max[image] + Math.log(scaledSum[image]) - logSamples);
        if (!Double.isFinite(negativeLogLikelihood)) {
          throw new IllegalStateException(
              "the log importance weights of image " + (batch * evaluation.batchSize() + image) + " of "
                  + dataset.name() + " are not finite");
        }
        total[0] += negativeLogLikelihood;
        total[1] += negativeLogLikelihood * negativeLogLikelihood;
      }
    });
    int count = dataset.count();
    double mean = total[0] / count;
    double variance = count > 1 ? Math.max(0, (total[1] - count * mean * mean) / (count - 1)) : 0;
    return new LikelihoodEstimate(
        step, dataset.name(), count, evaluation.protocol(), samples, mean, Math.sqrt(variance / count), sums.means(),
        dataset.shape().size());
  }

  private void requireShape(ImageDataset dataset) {
    ImageShape shape = dataset.shape();
    Shape expected = Shape.of(evaluation.batchSize(), shape.height(), shape.width(), shape.channels());
    if (!evaluation.images().shape().equals(expected)) {
      throw new IllegalArgumentException(
          dataset.name() + " has images of " + shape + ", the model scores batches of shape "
              + evaluation.images().shape());
    }
    if (dataset.count() < 1) {
      throw new IllegalArgumentException(dataset.name() + " has no images to score");
    }
  }

  /** Feeds every batch of the dataset (the last one padded by repeating its last image) and observes it. */
  private void forEachBatch(ImageDataset dataset, BatchAction action) {
    int batchSize = evaluation.batchSize();
    int size = dataset.shape().size();
    byte[] pixels = new byte[size];
    int batches = (dataset.count() + batchSize - 1) / batchSize;
    for (int batch = 0; batch < batches; batch++) {
      int first = batch * batchSize;
      int valid = Math.min(batchSize, dataset.count() - first);
      float[] images = new float[batchSize * size];
      for (int image = 0; image < batchSize; image++) {
        dataset.readImage(first + Math.min(image, valid - 1), pixels, 0);
        for (int pixel = 0; pixel < size; pixel++) {
          images[image * size + pixel] = range.fromByte(Byte.toUnsignedInt(pixels[pixel]));
        }
      }
      float[] observations = execute(evaluation.images(), images, List.of(evaluation.observations()), batch, OBSERVE_RUN)
          .get(0);
      action.accept(batch, observations, valid);
    }
  }

  private Map<String, float[]> scores(float[] observations, long batch) {
    List<Operand<TFloat32>> fetches = new ArrayList<>(evaluation.scores().values());
    List<float[]> values = execute(evaluation.observed(), observations, fetches, batch, SCORES_RUN);
    Map<String, float[]> scores = new LinkedHashMap<>();
    int index = 0;
    for (String name : evaluation.scores().keySet()) {
      scores.put(name, values.get(index++));
    }
    return scores;
  }

  private float[] fetch(Operand<TFloat32> output, float[] observations, long batch, int run) {
    return execute(evaluation.observed(), observations, List.of(output), batch, run).get(0);
  }

  private List<float[]> execute(
      Operand<TFloat32> input, float[] values, List<Operand<TFloat32>> fetches, long batch, int run) {
    try (TFloat32 fed = TFloat32.tensorOf(evaluation.images().shape(), DataBuffers.of(values, true, false));
        TInt64 key = TInt64.vectorOf(seed ^ KEY_SALT, batch * RUNS_PER_BATCH + run)) {
      Session.Runner runner = session.runner().feed(input, fed).feed(assembly.noiseKey(), key);
      fetches.forEach(runner::fetch);
      try (Result result = runner.run()) {
        List<float[]> outputs = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
          TFloat32 tensor = (TFloat32) result.get(i);
          float[] copy = new float[(int) tensor.size()];
          tensor.copyTo(DataBuffers.of(copy, false, false));
          outputs.add(copy);
        }
        return outputs;
      }
    }
  }

  /** What to do with each observed batch: its index, its observations, how many of its images are real. */
  private interface BatchAction {
    void accept(int batch, float[] observations, int valid);
  }

  /** Running sums of each score over the valid images of every batch. */
  private static final class ScoreSums {
    private final Map<String, double[]> sums = new LinkedHashMap<>();

    void add(Map<String, float[]> scores, int valid) {
      scores.forEach((name, values) -> {
        double[] sum = sums.computeIfAbsent(name, key -> new double[2]);
        for (int image = 0; image < valid; image++) {
          sum[0] += values[image];
        }
        sum[1] += valid;
      });
    }

    Map<String, Double> means() {
      Map<String, Double> means = new LinkedHashMap<>();
      sums.forEach((name, sum) -> means.put(name, sum[0] / sum[1]));
      return means;
    }
  }
}
