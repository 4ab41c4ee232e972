package dev.strata.layering;

import java.io.IOException;

/**
 * A layering step failed on a named package, path or object. The message has the shape
 * {@code <what failed>; <what to do>}; nothing on the sysroot changed.
 */
public class LayeringException extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param message {@code <what failed>; <what to do>} */
  public LayeringException(String message) {
    super(message);
  }

  /**
   * @param message {@code <what failed>; <what to do>}
   * @param cause the underlying failure
   */
  public LayeringException(String message, Throwable cause) {
    super(message, cause);
  }
}
