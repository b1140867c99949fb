package io.gen4j.train;

import io.gen4j.graph.NetworkBuilder;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.Noise;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** The {@link GraphContext} a {@link ModelAssembly} hands its model. */
final class AssemblyContext implements GraphContext {

  private final Ops tf;
  private final ImageShape imageShape;
  private final int batchSize;
  private final long seed;
  private final Operand<TFloat32> realImages;
  private final int classCount;
  private final Optional<Operand<TInt32>> realLabels;
  private final Operand<TInt64> step;
  private final Noise noise;
  private final Map<String, NetworkBuilder> networks = new LinkedHashMap<>();

  AssemblyContext(
      Ops tf, ImageShape imageShape, int batchSize, long seed, Operand<TFloat32> realImages, int classCount,
      Optional<Operand<TInt32>> realLabels, Operand<TInt64> step, Noise noise) {
    this.tf = tf;
    this.imageShape = imageShape;
    this.batchSize = batchSize;
    this.seed = seed;
    this.realImages = realImages;
    this.classCount = classCount;
    this.realLabels = realLabels;
    this.step = step;
    this.noise = noise;
  }

  @Override
  public Ops tf() {
    return tf;
  }

  @Override
  public ImageShape imageShape() {
    return imageShape;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Operand<TFloat32> realImages() {
    return realImages;
  }

  @Override
  public int classCount() {
    return classCount;
  }

  @Override
  public Operand<TInt32> realLabels() {
    return realLabels.orElseThrow(() -> new IllegalStateException(
        "the model reads labels but its usesLabels() is false; declare it so that core feeds them"));
  }

  @Override
  public Operand<TInt64> step() {
    return step;
  }

  @Override
  public Noise noise() {
    return noise;
  }

  @Override
  public NetworkBuilder network(String name) {
    return networks.computeIfAbsent(name, key -> new NetworkBuilder(tf, key, seed));
  }
}
