package dev.strata.depsolve.model;

/** A version operator in a relation. {@link #ANY} means "no version given". */
public enum Op {
  /** Any version. */
  ANY(""),
  /** Strictly older ({@code <<} in Debian, {@code <} in RPM). */
  LT("<<"),
  /** Older or equal. */
  LE("<="),
  /** Equal. */
  EQ("="),
  /** Newer or equal. */
  GE(">="),
  /** Strictly newer ({@code >>} in Debian, {@code >} in RPM). */
  GT(">>");

  private final String debian;

  Op(String debian) {
    this.debian = debian;
  }

  /** @return the Debian spelling ({@code >=}, {@code <<}, ...) */
  public String debian() {
    return debian;
  }

  /** @return the RPM spelling ({@code <, <=, =, >=, >}) */
  public String rpm() {
    return this == LT ? "<" : this == GT ? ">" : debian;
  }

  /**
   * Parses a Debian operator, including the obsolete {@code <} and {@code >} (meaning {@code <=}
   * and {@code >=}).
   *
   * @param s the operator as written
   * @return the operator, or null if unknown
   */
  public static Op fromDebian(String s) {
    switch (s) {
      case "<<": return LT;
      case "<=": case "<": return LE;
      case "=": return EQ;
      case ">=": case ">": return GE;
      case ">>": return GT;
      default: return null;
    }
  }

  /**
   * Whether a comparison result satisfies this operator.
   *
   * @param cmp the sign of compare(candidate, wanted)
   * @return true when it matches
   */
  public boolean accepts(int cmp) {
    switch (this) {
      case ANY: return true;
      case LT: return cmp < 0;
      case LE: return cmp <= 0;
      case EQ: return cmp == 0;
      case GE: return cmp >= 0;
      case GT: return cmp > 0;
      default: throw new AssertionError(this);
    }
  }
}
