package dev.strata.pkg;

/**
 * The version of a package as strings, never compared here (comparison lives in the depsolver's
 * {@code dev.strata.depsolve.version}).
 *
 * @param epoch the epoch, or "" when the package has none
 * @param version the (upstream) version
 * @param release the release (RPM) or Debian revision, or "" when absent
 */
public record PackageVersion(String epoch, String version, String release) {
  /**
   * Splits a Debian version string {@code [epoch:]upstream[-revision]}.
   *
   * @param full the version as written in the control file
   * @return the split version
   */
  public static PackageVersion parseDebian(String full) {
    String epoch = "";
    String rest = full;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      epoch = rest.substring(0, colon);
      rest = rest.substring(colon + 1);
    }
    int dash = rest.lastIndexOf('-');
    if (dash >= 0) {
      return new PackageVersion(epoch, rest.substring(0, dash), rest.substring(dash + 1));
    }
    return new PackageVersion(epoch, rest, "");
  }

  /**
   * @return {@code [epoch:]version[-release]}, the Debian full version string or the RPM EVR
   */
  public String full() {
    StringBuilder sb = new StringBuilder();
    if (!epoch.isEmpty()) {
      sb.append(epoch).append(':');
    }
    sb.append(version);
    if (!release.isEmpty()) {
      sb.append('-').append(release);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return full();
  }
}
