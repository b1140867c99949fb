package io.gen4j.security;

/** Whether a model file is checked against the op allow-list before it is loaded. */
public enum ModelTrust {

  /** Check every op first and refuse the model if one is not allowed: the default. */
  CHECKED,

  /**
   * Load without checking ({@code --trust-model}): dangerous, since a graph can read and write any file
   * the process can, when it is loaded or run. Only for models from a source you trust.
   */
  TRUSTED
}
