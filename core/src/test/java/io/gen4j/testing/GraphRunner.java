package io.gen4j.testing;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Fetches float tensors from a session as Java arrays, for assertions. */
public final class GraphRunner {

  private GraphRunner() {}

  /** All values of a float tensor, row-major. */
  public static float[] values(Session session, Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] values = new float[(int) tensor.size()];
      tensor.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  /** The value of a scalar float tensor. */
  public static float scalar(Session session, Operand<TFloat32> operand) {
    float[] values = values(session, operand);
    if (values.length != 1) {
      throw new IllegalArgumentException("expected a scalar, got " + values.length + " values");
    }
    return values[0];
  }
}
