package dev.strata.depsolve.version;

/** The two version orders Strata knows: dpkg's and rpm's. Thread-safe. */
public enum VersionScheme {
  /** dpkg's order: epoch, upstream version, revision; '~' sorts before everything. */
  DEB {
    @Override
    public int compare(Evr a, Evr b) {
      return DebVersions.compare(a, b);
    }

    @Override
    public int compare(String a, String b) {
      return DebVersions.compare(a, b);
    }
  },
  /** rpm's rpmvercmp order: epoch, version, release; '~' sorts before and '^' after the end. */
  RPM {
    @Override
    public int compare(Evr a, Evr b) {
      return RpmVersions.compare(a, b);
    }

    @Override
    public int compare(String a, String b) {
      return RpmVersions.compare(Evr.parse(a), Evr.parse(b));
    }
  };

  /**
   * Compares two versions.
   *
   * @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}
   */
  public abstract int compare(Evr a, Evr b);

  /**
   * Compares two version strings in {@code [epoch:]version[-release]} form.
   *
   * @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}
   */
  public abstract int compare(String a, String b);
}
