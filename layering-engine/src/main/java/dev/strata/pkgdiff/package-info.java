/**
 * Package lists of commits and the differences between them: {@link dev.strata.pkgdiff.PackageList}
 * (the {@code strata.pkglist} commit metadata), {@link dev.strata.pkgdiff.PackageLists} (reads a
 * commit's list from its metadata or, lacking that, from the package database in its tree, without
 * a checkout) and {@link dev.strata.pkgdiff.PackageDiff} (upgraded, downgraded, removed, added).
 */
package dev.strata.pkgdiff;
