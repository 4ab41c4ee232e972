package dev.strata.cli.commands;

/**
 * An outcome that is not an error but needs a particular exit status, such as 77 for
 * "nothing changed".
 */
public final class ExitStatus extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ExitStatus(int status, String message) {
    super(message);
    this.status = status;
  }

  /** @return the process exit status */
  public int status() {
    return status;
  }
}
