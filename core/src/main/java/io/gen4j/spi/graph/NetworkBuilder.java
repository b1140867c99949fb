package io.gen4j.spi.graph;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of one network. A variable is created the first time its name is asked for and reused
 * afterwards, so a network built twice (training and sampling mode) shares its weights. Names are
 * {@code <network>.<local name>}; TensorFlow Java's optimizers derive slot names from them, so they use
 * '.' rather than '/'.
 */
public final class NetworkBuilder {

  private final Ops tf;
  private final String name;
  private final long seed;
  private final Map<String, Variable<TFloat32>> trainable = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> state = new LinkedHashMap<>();
  private final List<Op> updates = new ArrayList<>();
  private final Map<String, SpectralNormalization.Normalized> normalizedKernels = new LinkedHashMap<>();
  private boolean spectrallyNormalized;

  /**
   * @param tf ops at the graph's root scope
   * @param name the network's name, a prefix of its variables' names
   * @param seed the experiment's seed; each variable's initializer gets a seed derived from it and the
   *     variable's name
   */
  public NetworkBuilder(Ops tf, String name, long seed) {
    this.tf = requireNonNull(tf, "tf is null");
    this.name = requireNonNull(name, "name is null");
    this.seed = seed;
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("network name must be a letter then letters, digits or '_': " + name);
    }
  }

  /** Ops at the graph's root scope. */
  public Ops tf() {
    return tf;
  }

  /** The network's name. */
  public String name() {
    return name;
  }

  /**
   * The trainable variable {@code localName}, created with {@code initialValue} the first time.
   *
   * @param localName the name below the network, such as {@code dense1.kernel}
   * @param initialValue builds the initial value; called only when the variable is created
   */
  public Variable<TFloat32> variable(String localName, Supplier<Operand<TFloat32>> initialValue) {
    return trainable.computeIfAbsent(localName, key -> create(key, initialValue));
  }

  /**
   * A layer's kernel (weight matrix or convolution kernel): the trainable variable {@code localName}, or,
   * in a {@link #normalizeKernelsSpectrally() spectrally normalized} network, that variable divided by an
   * estimate of its largest singular value (see {@link #normalizeKernelsSpectrally()}). Asked for again,
   * it returns the same operand, so every use of a layer (training, sampling, a penalty) sees one value.
   *
   * @param localName the name below the network, such as {@code dense1.kernel}
   * @param initialValue builds the variable's initial value, of rank 2 or more; called only when the
   *     variable is created
   */
  public Operand<TFloat32> kernel(String localName, Supplier<Operand<TFloat32>> initialValue) {
    Variable<TFloat32> variable = variable(localName, initialValue);
    if (!spectrallyNormalized) {
      return variable;
    }
    return normalizedKernels
        .computeIfAbsent(localName, key -> SpectralNormalization.normalize(this, key, variable))
        .kernel();
  }

  /**
   * Makes every kernel this network builds through {@link #kernel} spectrally normalized (Miyato et al.
   * 2018): divided by σ, its largest singular value as estimated by one power iteration per update of this
   * network, from a vector kept in the state variable {@code <kernel>.sn_u} (checkpointed, updated with
   * the network's {@link #updates()}). Sampling uses the same estimate from the stored vector.
   *
   * @throws IllegalStateException if the network has built a kernel already
   */
  public NetworkBuilder normalizeKernelsSpectrally() {
    if (!spectrallyNormalized && !trainable.isEmpty()) {
      throw new IllegalStateException(
          "network " + name + " has variables already; normalize its kernels before building its layers");
    }
    spectrallyNormalized = true;
    return this;
  }

  /**
   * A variable that training changes without the optimizer (such as batch norm's moving mean): it is
   * checkpointed but not part of {@link #network()}.
   */
  public Variable<TFloat32> stateVariable(String localName, Supplier<Operand<TFloat32>> initialValue) {
    return state.computeIfAbsent(localName, key -> create(key, initialValue));
  }

  /** A seed for the initializer of {@code localName}, derived from the experiment's seed and the name. */
  public long seedFor(String localName) {
    return new SplittableRandom(seed ^ (fullName(localName).hashCode() * 0x9E3779B97F4A7C15L)).nextLong();
  }

  /** Records an op to run with every update of this network, such as a moving-average update. */
  public void addUpdate(Op update) {
    updates.add(requireNonNull(update, "update is null"));
  }

  /** The ops recorded with {@link #addUpdate}. */
  public List<Op> updates() {
    return List.copyOf(updates);
  }

  /** The network's trainable variables, in creation order. */
  public Network network() {
    return new Network(name, List.copyOf(trainable.values()));
  }

  /** The trainable variables by their name within the network, in creation order. */
  public Map<String, Variable<TFloat32>> trainableByLocalName() {
    return java.util.Collections.unmodifiableMap(trainable);
  }

  /** The state variables by their name within the network, in creation order. */
  public Map<String, Variable<TFloat32>> stateByLocalName() {
    return java.util.Collections.unmodifiableMap(state);
  }

  /** Its non-trainable state variables, in creation order. */
  public List<Variable<TFloat32>> stateVariables() {
    return List.copyOf(state.values());
  }

  private Variable<TFloat32> create(String localName, Supplier<Operand<TFloat32>> initialValue) {
    return tf.withName(fullName(localName)).variable(initialValue.get());
  }

  private String fullName(String localName) {
    return name + "." + localName;
  }
}
