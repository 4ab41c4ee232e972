/**
 * The RPM reader: lead, signature and main header (checked structurally, parsed with redline's
 * Scanner) and the cpio payload (gzip, bzip2, xz, lzma or zstd), checked against the header.
 * Entry point: {@link dev.strata.pkg.rpm.RpmArchive}, usually reached through
 * {@link dev.strata.pkg.PackageArchive#open}.
 */
package dev.strata.pkg.rpm;
