package dev.strata.layering;

import dev.strata.depsolve.NoSolutionException;
import dev.strata.depsolve.Plan;
import dev.strata.depsolve.model.Package;
import dev.strata.layering.assemble.PackageDbWriter;
import dev.strata.layering.importer.CachedPackage;
import dev.strata.layering.importer.PackageImporter;
import dev.strata.pkg.PackageArchive;
import dev.strata.pkg.PackageFormatException;
import dev.strata.pkg.PackageHeader;
import dev.strata.pkg.RelationKind;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdb.SolverPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Local package files ({@code strata install ./x.rpm}) as the depsolver sees them: packages of
 * the {@link Package#COMMAND_LINE} repository, installed as they are, whose relations are resolved
 * against the base and the configured repositories like those of any other package.
 */
final class LocalPackages {
  private LocalPackages() {}

  /**
   * Reads the header of a package file (not its payload).
   *
   * @param file the .rpm or .deb
   * @return the package, location the file's absolute path, with its size and SHA-256
   */
  static Package ofFile(Path file) throws IOException {
    PackageHeader h;
    try (PackageArchive a = PackageArchive.open(file)) {
      h = a.header();
    } catch (PackageFormatException e) {
      throw new LayeringException(e.getMessage(), e);
    }
    String epoch = h.version().epoch();
    PackageFormat format = h.format() == dev.strata.pkg.PackageFormat.RPM ? PackageFormat.RPM
        : PackageFormat.DEB;
    InstalledPackage row = new InstalledPackage(format, h.name(),
        epoch.isEmpty() ? 0 : Integer.parseInt(epoch), h.version().version(),
        h.version().release(), h.arch(), PackageImporter.provides(h), PackageImporter.requires(h),
        List.of());
    try {
      return SolverPackages.builder(row).repository(Package.COMMAND_LINE)
          .conflicts(relations(format, h, RelationKind.CONFLICTS))
          .breaks(relations(format, h, RelationKind.BREAKS))
          .obsoletes(relations(format, h, RelationKind.OBSOLETES))
          .location(file.toString(), Files.size(file), PackageImporter.sha256(file)).build();
    } catch (IllegalArgumentException e) {
      throw new LayeringException("the local package " + file + " has a relation that cannot be"
          + " read (" + e.getMessage() + "); rebuild the package", e);
    }
  }

  private static List<dev.strata.depsolve.model.Dependency> relations(PackageFormat format,
      PackageHeader h, RelationKind kind) throws IOException {
    return SolverPackages.relations(format, PackageImporter.relations(h, kind));
  }

  /**
   * A local package layered earlier, from the package cache.
   *
   * @param p the cached package
   * @return the package, location its NEVRA
   */
  static Package ofCached(CachedPackage p) throws IOException {
    return SolverPackages.builder(PackageDbWriter.toInstalled(p)).repository(Package.COMMAND_LINE)
        .location(p.nevra(), 0, p.fileSha256()).build();
  }

  /** @return whether the plan item is a local package file (imported directly, not fetched) */
  static boolean isLocal(Plan.Item it) {
    return Package.COMMAND_LINE.equals(it.repository());
  }

  /**
   * The error for a plan that cannot be made: when a local package file's relation is what fails,
   * the message names the file first.
   *
   * @param e the solver's explanation
   * @param local the local packages of the request
   * @return a one-line error
   */
  static LayeringException explain(NoSolutionException e, List<Package> local) {
    for (Package p : local) {
      if (e.getMessage().startsWith(p.name() + " " + p.evr() + " ")) {
        return new LayeringException("cannot layer the local package " + p.location() + ": "
            + e.getMessage(), e);
      }
    }
    return new LayeringException(e.getMessage(), e);
  }
}
