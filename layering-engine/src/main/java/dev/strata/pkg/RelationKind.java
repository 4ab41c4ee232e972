package dev.strata.pkg;

/** The kinds of package relations, covering RPM and Debian. */
public enum RelationKind {
  /** RPM Requires, Debian Depends. */
  REQUIRES,
  /** Debian Pre-Depends (RPM Requires(pre) stays in REQUIRES with its flags). */
  PRE_DEPENDS,
  /** Provides. */
  PROVIDES,
  /** Conflicts. */
  CONFLICTS,
  /** Debian Breaks. */
  BREAKS,
  /** Debian Replaces. */
  REPLACES,
  /** RPM Obsoletes. */
  OBSOLETES,
  /** Recommends. */
  RECOMMENDS,
  /** Suggests. */
  SUGGESTS,
  /** RPM Supplements. */
  SUPPLEMENTS,
  /** Enhances. */
  ENHANCES
}
