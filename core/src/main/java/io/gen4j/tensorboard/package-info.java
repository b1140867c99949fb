/**
 * TensorBoard event files written with TensorFlow's summary ops, readable by a stock {@code
 * tensorboard --logdir runs}.
 */
package io.gen4j.tensorboard;
