package io.gen4j.spi;

import io.gen4j.graph.NetworkBuilder;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** What core hands a model to build its graph with. */
public interface GraphContext {

  /** Ops of the graph being built, at the root name scope. */
  Ops tf();

  /** Shape of the dataset's images, which is also the shape the model must generate. */
  ImageShape imageShape();

  /** Number of images in every training batch; fixed for the graph. */
  int batchSize();

  /** The experiment's seed; variable initializers and noise derive from it. */
  long seed();

  /**
   * Real images of the current batch, shape {@code [batchSize, height, width, channels]}, scaled to
   * the model's {@link GenerativeModel#pixelRange()}. Fed only to objectives that {@link
   * Objective#consumesData() consume data}.
   */
  Operand<TFloat32> realImages();

  /**
   * Number of classes of the dataset's labels: labels run from 0 to {@code classCount() - 1}. 0 when
   * the dataset is unlabelled.
   */
  int classCount();

  /**
   * Class labels of the current real batch, int32 of shape {@code [batchSize]}, each in {@code [0,
   * classCount())}, fed together with {@link #realImages()}. Only for a model whose {@link
   * GenerativeModel#usesLabels()} is true; core trains such a model on labelled datasets only.
   *
   * @throws IllegalStateException if the model does not declare that it uses labels
   */
  Operand<TInt32> realLabels();

  /**
   * The iteration being run, counted from 0, as an int64 scalar fed with every update (for schedules
   * such as the start of a weight average).
   */
  Operand<TInt64> step();

  /** Draws noise inside the graph, keyed by the seed and the update being run (see {@link Noise}). */
  Noise noise();

  /**
   * Starts a network: its variables get stable names prefixed with {@code name}, so checkpoints
   * restore by name. Building the same network twice (training and sampling modes) reuses them.
   */
  NetworkBuilder network(String name);
}
