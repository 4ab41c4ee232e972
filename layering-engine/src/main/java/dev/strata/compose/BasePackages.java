package dev.strata.compose;

import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdb.dpkg.DpkgDatabase;
import dev.strata.pkgdb.rpm.RpmDatabase;
import dev.strata.pkgdiff.PackageList;
import dev.strata.pkgdiff.PackageLists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Records the packages of an imported tree: writes Strata's package database ({@value
 * PackageLists#STRATA_DB}) into the tree and returns the list for the commit's {@code
 * strata.pkglist} metadata. dpkg trees are read from dpkg's database, RPM trees from their rpmdb
 * (through the rpm program, see {@link RpmDatabase}); trees with neither get neither.
 */
public final class BasePackages {
  private BasePackages() {}

  /**
   * Reads the dpkg database (or else the rpmdb) of a tree prepared by {@link TreeImport} and writes
   * the package database beside it (a new file, so hardlinked source files are never touched).
   *
   * @param tree the prepared tree
   * @return the package list, or empty when the tree has neither database
   * @throws IOException when the dpkg database is malformed, the rpmdb cannot be read, or the
   *     package database cannot be written
   */
  public static Optional<PackageList> record(Path tree) throws IOException {
    Path admin = tree.resolve(TreeImport.DPKG_DB);
    List<InstalledPackage> pkgs;
    PackageFormat format;
    if (Files.isRegularFile(admin.resolve("status"), LinkOption.NOFOLLOW_LINKS)) {
      pkgs = DpkgDatabase.read(admin);
      format = PackageFormat.DEB;
    } else {
      Optional<Path> rpmdb = RpmDatabase.find(tree);
      if (rpmdb.isEmpty()) {
        return Optional.empty();
      }
      pkgs = RpmDatabase.read(rpmdb.get());
      format = PackageFormat.RPM;
    }
    Path db = tree.resolve(PackageLists.STRATA_DB);
    Files.createDirectories(db.getParent());
    PackageDatabase.create(db, pkgs);
    return Optional.of(PackageList.of(format, pkgs));
  }
}
