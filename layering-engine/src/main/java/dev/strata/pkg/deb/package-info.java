/**
 * The .deb reader: ar container, control.tar (control fields, conffiles, md5sums, maintainer
 * scripts, triggers) and data.tar (uncompressed, gzip, xz, zstd, bzip2 or lzma). Entry point:
 * {@link dev.strata.pkg.deb.DebArchive}, usually reached through
 * {@link dev.strata.pkg.PackageArchive#open}.
 */
package dev.strata.pkg.deb;
