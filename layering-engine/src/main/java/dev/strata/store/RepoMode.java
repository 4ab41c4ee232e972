package dev.strata.store;

/** How a repository stores content objects (the {@code core.mode} config key). */
public enum RepoMode {
  /** Real files with real ownership, modes and xattrs (needs root to write other owners). */
  BARE("bare"),
  /** Files owned by the writer; real metadata in the {@code user.ostreemeta} xattr. */
  BARE_USER("bare-user"),
  /** Plain files with canonical metadata and no xattrs. */
  BARE_USER_ONLY("bare-user-only"),
  /** Compressed {@code .filez} objects, servable over HTTP; written as {@code archive-z2}. */
  ARCHIVE("archive-z2");

  private final String configName;

  RepoMode(String configName) {
    this.configName = configName;
  }

  /** @return the value written to {@code core.mode} */
  public String configName() {
    return configName;
  }

  /**
   * Parses a mode as the command line or a config file gives it.
   *
   * @param s {@code bare}, {@code bare-user}, {@code bare-user-only}, {@code archive} or {@code archive-z2}
   * @return the mode
   */
  public static RepoMode parse(String s) {
    return switch (s) {
      case "bare" -> BARE;
      case "bare-user" -> BARE_USER;
      case "bare-user-only" -> BARE_USER_ONLY;
      case "archive", "archive-z2" -> ARCHIVE;
      default -> throw new IllegalArgumentException(
          "unknown repository mode '" + s + "'; use bare, bare-user, bare-user-only or archive");
    };
  }
}
