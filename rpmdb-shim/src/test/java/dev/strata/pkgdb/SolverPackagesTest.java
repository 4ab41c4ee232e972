package dev.strata.pkgdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.depsolve.InstalledPackages;
import dev.strata.depsolve.NoSolutionException;
import dev.strata.depsolve.Request;
import dev.strata.depsolve.Solver;
import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Op;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package database's rows as the depsolver's locked base, read back through a real H2 file. */
class SolverPackagesTest {
  @TempDir Path dir;

  private List<InstalledPackage> roundTrip(List<InstalledPackage> rows) throws Exception {
    Path db = dir.resolve("packages.mv.db");
    PackageDatabase.create(db, rows);
    try (PackageDatabase d = PackageDatabase.open(db)) {
      return d.packages();
    }
  }

  @Test
  void testRpmRelationSpellings() throws Exception {
    List<InstalledPackage> rows = roundTrip(List.of(new InstalledPackage(PackageFormat.RPM, "tool", 1,
        "2.0", "3.fc40", "x86_64", List.of("tool (= 1:2.0-3.fc40)", "/bin/tool", "config(tool) = 1:2.0-3.fc40"),
        List.of("rpmlib(CompressedFileNames) <= 3.0.4-1", "libc.so.6(GLIBC_2.34)(64bit)",
            "bash (>> 5)", "glibc < 3", "(pyplugin if python3)"),
        List.of("/usr/bin/tool"))));
    Package p = SolverPackages.toSolver(rows.get(0));
    assertEquals(VersionScheme.RPM, p.scheme());
    assertEquals(new Evr(1, "2.0", "3.fc40"), p.evr());
    assertEquals(Package.SYSTEM, p.repository());
    assertEquals(List.of(new Relation("tool", Op.EQ, Evr.parse("1:2.0-3.fc40"), null),
        Relation.of("/bin/tool"), new Relation("config(tool)", Op.EQ, Evr.parse("1:2.0-3.fc40"), null)),
        p.provides());
    assertEquals(4, p.requires().size(), p.requires().toString());
    assertEquals(Relation.of("libc.so.6(GLIBC_2.34)(64bit)"), p.requires().get(0));
    assertEquals(new Relation("bash", Op.GT, Evr.parse("5"), null), p.requires().get(1));
    assertEquals(new Relation("glibc", Op.LT, Evr.parse("3"), null), p.requires().get(2));
    assertInstanceOf(BoolDep.class, p.requires().get(3));
    assertEquals(List.of("/usr/bin/tool"), p.files());
  }

  @Test
  void testDebianRows_alternativesAndDpkgOrder() throws Exception {
    Package p = SolverPackages.toSolver(new InstalledPackage(PackageFormat.DEB, "app", 0, "1.0~rc1",
        "2", "amd64", List.of("mail-transport-agent"), List.of("libc6 (>= 2.34)", "exim4 | postfix"),
        List.of("/usr/bin/app")));
    assertEquals(VersionScheme.DEB, p.scheme());
    assertEquals(new Relation("libc6", Op.GE, Evr.parse("2.34"), null), p.requires().get(0));
    assertInstanceOf(BoolDep.class, p.requires().get(1));
    assertEquals(List.of(), p.files(), "Debian file lists are not needed by the solver");
  }

  @Test
  void testInstalledSet_lockedBaseMeetsFileAndVersionedRequires() throws Exception {
    InstalledPackages base = SolverPackages.installed(roundTrip(List.of(
        new InstalledPackage(PackageFormat.RPM, "bash", 0, "5.2", "1", "x86_64", List.of(),
            List.of(), List.of("/usr/bin/sh")),
        new InstalledPackage(PackageFormat.RPM, "libx", 0, "1.5", "1", "noarch", List.of(),
            List.of(), List.of()))));
    assertEquals("x86_64", base.nativeArch());
    Package app = Package.builder(VersionScheme.RPM, "app", new Evr(0, "1", "1"), "noarch")
        .requires(List.of(Relation.of("/usr/bin/sh"), new Relation("libx", Op.GE, Evr.parse("1.0"), null)))
        .repository("r").build();
    Package needs = Package.builder(VersionScheme.RPM, "needs", new Evr(0, "1", "1"), "noarch")
        .requires(List.of(new Relation("libx", Op.GE, Evr.parse("2.0"), null))).repository("r").build();
    Package libx2 = Package.builder(VersionScheme.RPM, "libx", new Evr(0, "2.0", "1"), "noarch")
        .repository("r").build();
    Solver s = Solver.of(base, List.of(app, needs, libx2));
    assertEquals(List.of("app"), s.solve(Request.of("app")).names());
    NoSolutionException e = assertThrows(NoSolutionException.class, () -> s.solve(Request.of("needs")));
    assertEquals("needs 1-1 requires libx (>= 2.0), but the base has libx 1.5-1 locked and the"
        + " repositories' libx 2.0-1 would replace it; layer a newer base or use override", e.getMessage());
  }
}
