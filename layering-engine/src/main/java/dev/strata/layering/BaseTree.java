package dev.strata.layering;

import dev.strata.depsolve.InstalledPackages;
import dev.strata.depsolve.Solver;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.repo.DebIndexReader;
import dev.strata.depsolve.repo.Source;
import dev.strata.depsolve.repo.SourcesConfig;
import dev.strata.layering.assemble.PackageDbWriter;
import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.store.TreeReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the solver needs of a base: its installed packages (read from the base COMMIT, so layered
 * packages of the merge deployment do not count as base) and the package sources configured in
 * the merge deployment's {@code /etc}.
 */
final class BaseTree {
  /** The base's dpkg status, parsed only by {@link #solver}: a remembered plan needs none of it. */
  private final byte[] status;
  private final List<Source> sources;

  private BaseTree(byte[] status, List<Source> sources) {
    this.status = status;
    this.sources = sources;
  }

  static BaseTree of(Repo repo, Checksum base, Path mergeDir) throws IOException {
    TreeReader t = repo.treeReader(base);
    byte[] status = read(t, "/" + PackageDbWriter.DPKG_DB + "/status");
    if (status == null) {
      throw new LayeringException("the base " + base.hex().substring(0, 10)
          + " has no dpkg status at /" + PackageDbWriter.DPKG_DB
          + "; layering on RPM bases needs the base's package list in the resolver (not supported yet)");
    }
    return new BaseTree(status, SourcesConfig.read(mergeDir));
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

  Solver solver(Path cacheDir) throws IOException {
    java.nio.file.Files.createDirectories(cacheDir);
    List<Package> pkgs = DebIndexReader.readStatus(status, "base status");
    String arch = pkgs.stream().filter(p -> p.name().equals("dpkg")).map(Package::arch).findFirst()
        .orElse("amd64");
    return Solver.of(InstalledPackages.of(arch, pkgs), sources, cacheDir);
  }
}
