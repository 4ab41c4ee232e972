package dev.strata.sandbox;

import java.io.IOException;

/**
 * The sandbox could not be set up (tool missing, mount refused, bind source missing). The message
 * has the shape {@code <what failed>; <what to do>}.
 */
public class SandboxException extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param message {@code <what failed>; <what to do>} */
  public SandboxException(String message) {
    super(message);
  }
}
