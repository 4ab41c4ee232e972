package dev.strata.depsolve;

/**
 * A request cannot be answered: an unknown package, an ambiguous virtual package or no
 * installable combination. The message is one line: {@code <what failed>; <what to do>}.
 */
public class SolveException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message {@code <what failed>; <what to do>} */
  public SolveException(String message) {
    super(message);
  }
}
