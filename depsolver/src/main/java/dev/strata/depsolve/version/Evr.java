package dev.strata.depsolve.version;

import java.util.Objects;

/**
 * A package version: epoch, version and release (Debian calls the release the revision).
 *
 * <p>Immutable and thread-safe. The order depends on the packaging scheme, so {@code Evr} is not
 * {@link Comparable}: compare with {@link VersionScheme#compare(Evr, Evr)}. A missing epoch is 0; a
 * missing release is {@code null} (RPM: "any release" when used in a dependency; Debian: empty).
 *
 * @param epoch the epoch, 0 when absent
 * @param version the upstream version, never empty
 * @param release the release or Debian revision, or {@code null} when absent
 */
public record Evr(int epoch, String version, String release) {
  /** Checks the parts. */
  public Evr {
    Objects.requireNonNull(version, "version");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch (" + epoch + ") must not be negative");
    }
  }

  // equals and hashCode written out, same results as the generated ones: those bootstrap
  // method-handle machinery on first use, a cold cost in every solve and diff
  @Override
  public boolean equals(Object o) {
    return o instanceof Evr e && epoch == e.epoch && version.equals(e.version)
        && Objects.equals(release, e.release);
  }

  @Override
  public int hashCode() {
    return (Integer.hashCode(epoch) * 31 + version.hashCode()) * 31 + Objects.hashCode(release);
  }

  /**
   * Parses {@code [epoch:]version[-release]}: the epoch ends at the first ':' and the release
   * starts after the last '-', as both dpkg and rpm read them.
   *
   * @param text the version text
   * @return the parsed version
   * @throws IllegalArgumentException if the text is empty or the epoch is not a number
   */
  public static Evr parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty version; give a version such as 1.0-1");
    }
    int epoch = 0;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String e = s.substring(0, colon);
      try {
        epoch = e.isEmpty() ? 0 : Integer.parseInt(e);
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(
            "bad epoch '" + e + "' in version '" + text + "'; the epoch must be a number");
      }
      s = s.substring(colon + 1);
    }
    int dash = s.lastIndexOf('-');
    if (dash >= 0) {
      return new Evr(epoch, s.substring(0, dash), s.substring(dash + 1));
    }
    return new Evr(epoch, s, null);
  }

  /** @return {@code [epoch:]version[-release]}, the epoch only when not 0 */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (epoch != 0) {
      sb.append(epoch).append(':');
    }
    sb.append(version);
    if (release != null) {
      sb.append('-').append(release);
    }
    return sb.toString();
  }
}
