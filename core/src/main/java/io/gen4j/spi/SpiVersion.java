package io.gen4j.spi;

/**
 * The version of this SPI. A provider compiled against another version is refused at discovery with a
 * sentence that names it, instead of failing with {@link AbstractMethodError} in the middle of a run.
 */
public final class SpiVersion {

  /**
   * Raised when a change breaks compiled plugins. It is a compile-time constant, so {@link
   * ModelProvider#spiVersion()} returns the value a plugin was compiled with.
   */
  public static final int CURRENT = 1;

  private SpiVersion() {}
}
