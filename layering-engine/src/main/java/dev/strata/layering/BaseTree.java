package dev.strata.layering;

import dev.strata.depsolve.InstalledPackages;
import dev.strata.depsolve.Solver;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.repo.DebIndexReader;
import dev.strata.depsolve.repo.Source;
import dev.strata.depsolve.repo.SourcesConfig;
import dev.strata.layering.assemble.PackageDbWriter;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.SolverPackages;
import dev.strata.pkgdiff.PackageLists;
import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.store.TreeReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the solver needs of a base: its installed packages (read from the base COMMIT, so layered
 * packages of the merge deployment do not count as base: dpkg's status for Debian trees, else
 * Strata's package database, which is how RPM trees list their packages) and the package sources
 * configured in the merge deployment's {@code /etc} (apt sources, {@code yum.repos.d}). The
 * installed packages are read only by {@link #solver}: a remembered plan needs none of them.
 */
final class BaseTree {
  private final Repo repo;
  private final Checksum base;
  /** The base's dpkg status, or null for a base that lists its packages in Strata's database. */
  private final byte[] status;
  private final List<Source> sources;

  private BaseTree(Repo repo, Checksum base, byte[] status, List<Source> sources) {
    this.repo = repo;
    this.base = base;
    this.status = status;
    this.sources = sources;
  }

  static BaseTree of(Repo repo, Checksum base, Path mergeDir) throws IOException {
    TreeReader t = repo.treeReader(base);
    byte[] status = read(t, "/" + PackageDbWriter.DPKG_DB + "/status");
    return new BaseTree(repo, base, status, SourcesConfig.read(mergeDir));
  }

  private static byte[] read(TreeReader t, String path) throws IOException {
    try {
      TreeReader.Entry e = t.lookup(path);
      return e.directory() ? null : t.file(e).readContent();
    } catch (dev.strata.store.errors.StoreException e) {
      return null;
    }
  }

  List<Source> sources() {
    return sources;
  }

  private InstalledPackages installed() throws IOException {
    if (status != null) {
      List<Package> pkgs = DebIndexReader.readStatus(status, "base status");
      String arch = pkgs.stream().filter(p -> p.name().equals("dpkg")).map(Package::arch)
          .findFirst().orElse("amd64");
      return InstalledPackages.of(arch, pkgs);
    }
    List<InstalledPackage> rows = PackageLists.strataDatabase(repo, base).orElseThrow(() ->
        new LayeringException("the base " + base.hex().substring(0, 10) + " has no package"
            + " database (neither /" + PackageDbWriter.DPKG_DB + "/status nor /"
            + PackageDbWriter.DB + "); re-import the base with 'strata compose import'"));
    return SolverPackages.installed(rows);
  }

  /**
   * The solver over this base. Without configured sources only the base can meet the relations
   * (of local package files); a requested name then finds no package.
   */
  Solver solver(Path cacheDir) throws IOException {
    InstalledPackages installed = installed();
    if (sources.isEmpty()) {
      return Solver.of(installed, List.of());
    }
    java.nio.file.Files.createDirectories(cacheDir);
    return Solver.of(installed, sources, cacheDir);
  }
}
