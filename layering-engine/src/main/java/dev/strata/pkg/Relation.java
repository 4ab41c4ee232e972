package dev.strata.pkg;

import dev.strata.depsolve.model.Op;
import java.util.List;

/**
 * One relation clause: a list of alternatives, any one of which satisfies it. RPM clauses always
 * have one alternative (rich dependencies stay as their text in the name).
 *
 * @param alternatives the alternatives, at least one
 */
public record Relation(List<Alternative> alternatives) {
  /** Copies the list. */
  public Relation {
    alternatives = List.copyOf(alternatives);
  }

  /**
   * One alternative.
   *
   * @param name the package or capability name (Debian: without the {@code :arch} qualifier)
   * @param archQualifier the Debian {@code :any}/{@code :native} qualifier, or ""
   * @param op the operator
   * @param version the version after the operator, or "" for {@link Op#ANY}
   * @param rpmFlags the raw RPMSENSE flags (0 for Debian)
   */
  public record Alternative(String name, String archQualifier, Op op, String version, int rpmFlags) {
    /** @return the alternative as Debian writes it, e.g. {@code libc6 (>= 2.34)} */
    public String toDebian() {
      String n = archQualifier.isEmpty() ? name : name + ":" + archQualifier;
      return op == Op.ANY ? n : n + " (" + op.debian() + " " + version + ")";
    }
  }

  /**
   * @param name a name
   * @param op an operator
   * @param version the version, "" for ANY
   * @param rpmFlags raw RPM flags
   * @return a clause with one alternative
   */
  public static Relation of(String name, Op op, String version, int rpmFlags) {
    return new Relation(List.of(new Alternative(name, "", op, version, rpmFlags)));
  }

  /** @return the clause in Debian syntax ({@code a (>= 1) | b}) */
  public String toDebian() {
    StringBuilder sb = new StringBuilder();
    for (Alternative a : alternatives) {
      if (sb.length() > 0) {
        sb.append(" | ");
      }
      sb.append(a.toDebian());
    }
    return sb.toString();
  }
}
