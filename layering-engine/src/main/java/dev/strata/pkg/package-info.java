/**
 * The package model shared by RPM and .deb ({@link dev.strata.pkg.PackageHeader},
 * {@link dev.strata.pkg.PackageFile}, {@link dev.strata.pkg.Relation},
 * {@link dev.strata.pkg.Script}) and the entry point {@link dev.strata.pkg.PackageArchive}, which
 * reads either format safely: malformed or unsafe input ends in one
 * {@link dev.strata.pkg.PackageFormatException}.
 */
package dev.strata.pkg;
