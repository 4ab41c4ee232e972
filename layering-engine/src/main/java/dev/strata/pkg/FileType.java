package dev.strata.pkg;

/** The kinds of payload entries a package may carry (device nodes and fifos are refused). */
public enum FileType {
  /** A regular file (possibly one of a hardlink set). */
  REGULAR,
  /** A directory. */
  DIRECTORY,
  /** A symbolic link. */
  SYMLINK
}
