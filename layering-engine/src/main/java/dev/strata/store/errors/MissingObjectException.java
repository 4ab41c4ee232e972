package dev.strata.store.errors;

/** An object the repository should hold is not there. */
public class MissingObjectException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final String object;

  /**
   * @param object the object as {@code CHECKSUM.TYPE}
   * @param repo the repository path
   */
  public MissingObjectException(String object, String repo) {
    super("object " + object + " is missing from repository " + repo
        + "; pull or re-commit it, or run 'strata repo fsck' to list all damage");
    this.object = object;
  }

  /** @return the object as {@code CHECKSUM.TYPE} */
  public String object() {
    return object;
  }
}
