package dev.strata.depsolve.model;

/**
 * One entry of a package's relation field: a single {@link Relation} or a boolean combination
 * ({@link BoolDep}, Debian's {@code a | b} or RPM's rich dependencies). Immutable.
 */
public sealed interface Dependency permits Relation, BoolDep {
  /** @return the dependency in the packaging format's own spelling */
  String text();
}
