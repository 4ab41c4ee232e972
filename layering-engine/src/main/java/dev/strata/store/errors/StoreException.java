package dev.strata.store.errors;

import java.io.IOException;

/**
 * A store failure the user can act on. The message has the shape
 * {@code <what failed, on which object/path>; <what to do>}.
 */
public class StoreException extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param message {@code <what failed>; <what to do>} */
  public StoreException(String message) {
    super(message);
  }

  /**
   * @param message {@code <what failed>; <what to do>}
   * @param cause the underlying failure
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
