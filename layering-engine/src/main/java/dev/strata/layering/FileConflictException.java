package dev.strata.layering;

/** Two packages (or a package and the base) ship different content at the same path. */
public final class FileConflictException extends LayeringException {
  private static final long serialVersionUID = 1L;
  private final String path;

  /**
   * @param path the path both ship
   * @param first the package already owning it ("the base" or a package name)
   * @param second the package being added
   */
  public FileConflictException(String path, String first, String second) {
    super("file conflict: " + path + " is shipped by " + first + " and, with different content, by "
        + second + "; uninstall one of them or layer a base that does not ship " + path);
    this.path = path;
  }

  /** @return the conflicting path */
  public String path() {
    return path;
  }
}
