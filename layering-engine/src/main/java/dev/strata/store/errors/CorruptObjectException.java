package dev.strata.store.errors;

/** An object's bytes do not hash to its name or do not parse. */
public class CorruptObjectException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final String object;

  /**
   * @param object the object as {@code CHECKSUM.TYPE}
   * @param detail what is wrong with it
   */
  public CorruptObjectException(String object, String detail) {
    super("object " + object + " is corrupt (" + detail + "); delete it and re-commit or pull it again");
    this.object = object;
  }

  /** @return the object as {@code CHECKSUM.TYPE} */
  public String object() {
    return object;
  }
}
