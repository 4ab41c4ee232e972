package dev.strata.depsolve.model;

import dev.strata.depsolve.version.Evr;

/**
 * A named capability with an optional version constraint, such as {@code libc6 (>= 2.34)},
 * {@code python3:any} or {@code /bin/sh}.
 *
 * @param name the package, virtual package, capability or file path
 * @param op the operator, {@link Op#ANY} when unversioned
 * @param evr the version, {@code null} when unversioned
 * @param archQualifier Debian's {@code :any} / {@code :native} / {@code :amd64} qualifier, or null
 */
public record Relation(String name, Op op, Evr evr, String archQualifier) implements Dependency {
  /** @return an unversioned relation on {@code name} */
  public static Relation of(String name) {
    return new Relation(name, Op.ANY, null, null);
  }

  @Override
  public String text() {
    String n = archQualifier == null ? name : name + ":" + archQualifier;
    return op == Op.ANY ? n : n + " (" + op.debian() + " " + evr + ")";
  }

  @Override
  public String toString() {
    return text();
  }
}
