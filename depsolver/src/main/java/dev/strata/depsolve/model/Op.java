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
