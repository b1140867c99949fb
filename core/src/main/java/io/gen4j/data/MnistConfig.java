package io.gen4j.data;

import io.gen4j.spi.DatasetConfig;

/** {@code "data": {"type": "mnist"}}: the bundled MNIST has no fields. */
public record MnistConfig() implements DatasetConfig {}
