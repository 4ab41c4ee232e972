package dev.strata.depsolve.repo;

import java.io.IOException;

/**
 * Repository metadata could not be used: missing, corrupt, unsigned, badly signed, signed by an
 * expired or unknown key, or not matching its listed checksum. The message is one line of the form
 * {@code <what failed, on which file>; <what to do>}.
 */
public class RepositoryException extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param message {@code <what failed>; <what to do>} */
  public RepositoryException(String message) {
    super(message);
  }

  /**
   * @param message {@code <what failed>; <what to do>}
   * @param cause the underlying failure
   */
  public RepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
