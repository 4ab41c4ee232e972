package dev.strata.store;

/** OSTree object types with their numeric ids and loose-object file extensions. */
public enum ObjectType {
  /** Content object (regular file or symlink). */
  FILE(1, "file"),
  /** Directory listing. */
  DIR_TREE(2, "dirtree"),
  /** Directory metadata. */
  DIR_META(3, "dirmeta"),
  /** Commit. */
  COMMIT(4, "commit"),
  /** Tombstone of a deleted commit. */
  TOMBSTONE_COMMIT(5, "commit-tombstone"),
  /** Detached commit metadata. */
  COMMIT_META(6, "commitmeta");

  private final int id;
  private final String ext;

  ObjectType(int id, String ext) {
    this.id = id;
    this.ext = ext;
  }

  /** @return the numeric id OSTree uses */
  public int id() {
    return id;
  }

  /** @return the file extension for this object type in {@code mode} */
  public String extension(RepoMode mode) {
    return this == FILE && mode == RepoMode.ARCHIVE ? "filez" : ext;
  }

  /** @return the type for a loose-object file extension, or null */
  public static ObjectType fromExtension(String ext) {
    if (ext.equals("filez")) {
      return FILE;
    }
    for (ObjectType t : values()) {
      if (t.ext.equals(ext)) {
        return t;
      }
    }
    return null;
  }

  /** @return the lower-case name OSTree prints, e.g. {@code dirtree} */
  public String displayName() {
    return ext;
  }
}
