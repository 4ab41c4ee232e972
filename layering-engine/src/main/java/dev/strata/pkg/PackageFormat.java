package dev.strata.pkg;

/** The two package formats Strata reads. */
public enum PackageFormat {
  /** An RPM v3/v4 package (lead, signature header, header, cpio payload). */
  RPM,
  /** A Debian binary package (ar with control.tar and data.tar). */
  DEB
}
