package dev.strata.store.errors;

import java.nio.file.Path;

/** A device node, FIFO or socket was found in a tree being committed. */
public class SpecialFileException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  /**
   * @param path the special file
   * @param kind e.g. "character device"
   */
  public SpecialFileException(Path path, String kind) {
    super("cannot commit " + path + ": a " + kind + " cannot be stored in an OSTree repository; remove it or "
        + "pass --skip-special-files to leave such files out");
    this.path = path;
  }

  /** @return the special file */
  public Path path() {
    return path;
  }
}
