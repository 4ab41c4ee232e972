package dev.strata.pkgdb.dpkg;

/** The package states dpkg records in the third word of {@code Status:}. */
public enum DpkgState {
  /** Files unpacked, postinst not yet run. */
  UNPACKED("unpacked"),
  /** postinst configure started but not finished. */
  HALF_CONFIGURED("half-configured"),
  /** Configured. */
  INSTALLED("installed");

  private final String word;

  DpkgState(String word) {
    this.word = word;
  }

  /** @return the Status line value, {@code install ok <state>} */
  public String statusValue() {
    return "install ok " + word;
  }
}
