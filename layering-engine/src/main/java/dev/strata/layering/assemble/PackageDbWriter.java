package dev.strata.layering.assemble;

import dev.strata.layering.LayeringException;
import dev.strata.layering.importer.CachedPackage;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdb.dpkg.DpkgDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the layered packages into the tree's rpmdb-shim database ({@code
 * usr/lib/strata/packages.mv.db}): the base's file is copied, edited, fsynced and renamed over
 * the hardlink, so the repository object is never opened for writing.
 */
public final class PackageDbWriter {
  /** The database inside a tree. */
  public static final String DB = "usr/lib/strata/packages.mv.db";
  /** dpkg's admin directory inside a committed tree. */
  public static final String DPKG_DB = "usr/share/dpkg/database";

  private PackageDbWriter() {}

  /**
   * Adds {@code pkgs} to the database of the tree at {@code root}, creating it from the tree's dpkg
   * status when the base has none.
   */
  public static void addPackages(Path root, List<CachedPackage> pkgs) throws IOException {
    Path db = root.resolve(DB);
    if (Files.isRegularFile(db, LinkOption.NOFOLLOW_LINKS)) {
      PackageDatabase.update(db, ed -> {
        for (CachedPackage p : pkgs) {
          ed.remove(p.name(), p.arch());
          ed.add(toInstalled(p));
        }
      });
      return;
    }
    Path dpkg = root.resolve(DPKG_DB);
    if (!Files.isRegularFile(dpkg.resolve("status"))) {
      throw new LayeringException("the base has no package database (" + DB + " or dpkg status);"
          + " re-import the base with 'strata compose import'");
    }
    List<InstalledPackage> all = new ArrayList<>(DpkgDatabase.read(dpkg));
    all.removeIf(i -> pkgs.stream().anyMatch(p -> p.name().equals(i.name()) && p.arch().equals(i.arch())));
    pkgs.forEach(p -> all.add(toInstalled(p)));
    Files.createDirectories(db.getParent());
    PackageDatabase.create(db, all);
  }

  /** The database row of a cached package. */
  public static InstalledPackage toInstalled(CachedPackage p) {
    List<String> files = p.files().stream().filter(f -> !f.equals("/.")).toList();
    int epoch = p.epoch().isEmpty() ? 0 : Integer.parseInt(p.epoch());
    return new InstalledPackage(p.format().equals("deb") ? PackageFormat.DEB : PackageFormat.RPM,
        p.name(), epoch, p.version(), p.release(), p.arch(), p.provides(), p.requires(), files);
  }
}
