package dev.strata.store.errors;

/** A ref could not be moved: it changed concurrently, or the name is taken or invalid. */
public class RefUpdateException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** @param message {@code <what failed>; <what to do>} */
  public RefUpdateException(String message) {
    super(message);
  }
}
