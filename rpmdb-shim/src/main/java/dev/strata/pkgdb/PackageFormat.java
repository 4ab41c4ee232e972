package dev.strata.pkgdb;

/** The packaging format a tree's packages come in. */
public enum PackageFormat {
  /** Debian packages, managed by dpkg. */
  DEB,
  /** RPM packages. */
  RPM
}
