package dev.strata.layering;

import dev.strata.layering.assemble.PackageDbWriter;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.store.util.Strcmp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The {@code strata.pkglist} commit metadata: (name, epoch, version, release, arch) sorted. */
public final class PkgList {
  private PkgList() {}

  /**
   * Reads the package list of a tree from its (freshly written) rpmdb-shim database.
   *
   * @param root the tree
   * @return a(sssss) rows sorted by name then arch (byte order)
   */
  public static List<Object> of(Path root) throws IOException {
    List<InstalledPackage> pkgs;
    try (PackageDatabase db = PackageDatabase.open(root.resolve(PackageDbWriter.DB))) {
      pkgs = new ArrayList<>(db.packages());
    }
    return rows(pkgs);
  }

  /** The rows of a package list, sorted as {@code strata.pkglist} requires. */
  public static List<Object> rows(List<InstalledPackage> pkgs) {
    List<InstalledPackage> l = new ArrayList<>(pkgs);
    l.sort(Comparator.comparing(InstalledPackage::name, Strcmp::compare)
        .thenComparing(InstalledPackage::arch, Strcmp::compare));
    List<Object> rows = new ArrayList<>();
    for (InstalledPackage p : l) {
      rows.add(List.of(p.name(), Integer.toString(p.epoch()), p.version(), p.release(), p.arch()));
    }
    return rows;
  }
}
