package dev.strata.depsolve.model;

/** Debian's {@code Multi-Arch} field. */
public enum MultiArch {
  /** No field: one instance, dependencies from its own architecture only. */
  NO,
  /** Co-installable across architectures. */
  SAME,
  /** Satisfies dependencies of packages of any architecture. */
  FOREIGN,
  /** Satisfies {@code :any} dependencies of any architecture. */
  ALLOWED
}
