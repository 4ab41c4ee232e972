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

  // equals and hashCode written out, same results as the generated ones (which bootstrap
  // method-handle machinery on first use, a cold cost in every solve)
  @Override
  public boolean equals(Object o) {
    return o instanceof Relation r && name.equals(r.name) && op == r.op
        && java.util.Objects.equals(evr, r.evr) && java.util.Objects.equals(archQualifier, r.archQualifier);
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + op.hashCode()) * 31 + java.util.Objects.hashCode(evr)) * 31
        + java.util.Objects.hashCode(archQualifier);
  }
}
