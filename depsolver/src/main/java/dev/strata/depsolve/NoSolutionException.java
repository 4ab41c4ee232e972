package dev.strata.depsolve;

import java.util.List;

/**
 * No set of packages satisfies the request with the base locked. The message explains the chain
 * of relations that fails, naming the locked base package in the way, and what to do.
 */
public class NoSolutionException extends SolveException {
  private static final long serialVersionUID = 1L;
  private final List<String> chain;

  /**
   * @param message the one-line explanation
   * @param chain the relations from the request to the obstacle, one per element
   */
  public NoSolutionException(String message, List<String> chain) {
    super(message);
    this.chain = List.copyOf(chain);
  }

  /** @return the relations from the request to the obstacle */
  public List<String> chain() {
    return chain;
  }
}
