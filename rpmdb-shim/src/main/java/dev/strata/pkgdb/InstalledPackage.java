package dev.strata.pkgdb;

import java.util.List;
import java.util.Objects;

/**
 * One package installed in a tree.
 *
 * <p>For Debian packages {@code version} is the upstream version and {@code release} the Debian
 * revision (empty for native packages); {@link #evr()} rebuilds the full version string.
 *
 * @param format the packaging format
 * @param name the package name
 * @param epoch the epoch, 0 when absent
 * @param version the (upstream) version
 * @param release the release or Debian revision, possibly empty
 * @param arch the architecture ({@code amd64}, {@code all}, {@code x86_64}, {@code noarch}...)
 * @param provides capabilities the package provides, as written in its metadata
 * @param requires relations the package requires (Depends and Pre-Depends for Debian)
 * @param files absolute paths the package owns
 */
public record InstalledPackage(
    PackageFormat format,
    String name,
    int epoch,
    String version,
    String release,
    String arch,
    List<String> provides,
    List<String> requires,
    List<String> files) {

  /** Copies the lists and checks the fields. */
  public InstalledPackage {
    Objects.requireNonNull(format, "format");
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("package name must not be empty");
    }
    Objects.requireNonNull(version, "version");
    release = release == null ? "" : release;
    arch = arch == null ? "" : arch;
    provides = List.copyOf(provides);
    requires = List.copyOf(requires);
    files = List.copyOf(files);
  }

  /**
   * The version as its format writes it: {@code [epoch:]version[-release]}.
   *
   * @return the full version string
   */
  public String evr() {
    StringBuilder sb = new StringBuilder();
    if (epoch != 0) {
      sb.append(epoch).append(':');
    }
    sb.append(version);
    if (!release.isEmpty()) {
      sb.append('-').append(release);
    }
    return sb.toString();
  }

  /**
   * Splits a Debian version string into epoch, upstream version and revision.
   *
   * @param full a version such as {@code 1:2.3-4}
   * @return {epoch, upstream, revision} as strings
   */
  public static String[] splitDebianVersion(String full) {
    String epoch = "0";
    String rest = full;
    int colon = rest.indexOf(':');
    if (colon > 0) {
      epoch = rest.substring(0, colon);
      rest = rest.substring(colon + 1);
    }
    int dash = rest.lastIndexOf('-');
    String upstream = dash < 0 ? rest : rest.substring(0, dash);
    String revision = dash < 0 ? "" : rest.substring(dash + 1);
    return new String[] {epoch, upstream, revision};
  }
}
