package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdiff.PackageList;
import dev.strata.pkgdiff.PackageLists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, what must hold 3: commits written by the real {@code ostree commit}, without package list
 * metadata, still diff correctly from the package database in their trees (dpkg status in either
 * place, or Strata's H2 database).
 */
class DbDiffPlainOstreeTest {
  @TempDir Path tmp;

  private Path repo() {
    Path r = tmp.resolve("repo");
    HostTools.run(HostTools.require("ostree").toString(), "init", "--repo=" + r, "--mode=bare").ok();
    return r;
  }

  private String ostreeCommit(Path repo, String branch, Path tree) {
    return HostTools.run("ostree", "commit", "--repo=" + repo, "--branch=" + branch, "--tree=dir=" + tree)
        .ok().stdout().trim();
  }

  /** A dpkg status file with the packages installed, plus one left in config-files state. */
  private static String status(List<DiffExpectation.Pkg> pkgs, String leftover) {
    StringBuilder sb = new StringBuilder();
    for (DiffExpectation.Pkg p : pkgs) {
      sb.append("Package: ").append(p.name()).append("\nStatus: install ok installed\nPriority: optional\n")
          .append("Architecture: ").append(p.arch()).append("\nMulti-Arch: same\nVersion: ").append(p.evr())
          .append("\nDescription: test package ").append(p.name()).append("\n more text\n .\n end\n\n");
    }
    sb.append("Package: ").append(leftover).append("\nStatus: deinstall ok config-files\nArchitecture: amd64\n")
        .append("Version: 1.0-1\n\n");
    return sb.toString();
  }

  private static Path tree(Path dir, String statusPath, String content) throws IOException {
    Path f = dir.resolve(statusPath);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
    Files.createDirectories(dir.resolve("usr/bin"));
    Files.writeString(dir.resolve("usr/bin/tool"), "#!/bin/sh\n");
    return dir;
  }

  @Test
  void testPlainOstreeCommits_dpkgStatusInEitherPlace_diffCorrectly() throws IOException {
    DiffExpectation x = DbDiffSyntheticTest.debianBases();
    Path repo = repo();
    String a = ostreeCommit(repo, "plain/a",
        tree(tmp.resolve("a"), PackageLists.DPKG_STATUS_VAR, status(x.from, "oldconf")));
    String b = ostreeCommit(repo, "plain/b",
        tree(tmp.resolve("b"), PackageLists.DPKG_STATUS, status(x.to, "pkg0005")));

    x.checkJson(DbDiffDebianTest.strata("db", "diff", "--repo=" + repo, "--format=json", "plain/a", "plain/b"), a, b);
    x.checkBlock(DbDiffDebianTest.strata("db", "diff", "--repo=" + repo, a, b));
    x.checkDiff(DbDiffDebianTest.strata("db", "diff", "--repo=" + repo, "--format=diff", "plain/a", "plain/b"));
    String list = DbDiffDebianTest.strata("db", "list", "--repo=" + repo, "plain/b", "libmulti*");
    assertEquals("ostree commit: plain/b (" + b + ")\n libmulti-1.1-1.amd64\n libmulti2-1.0-1.amd64\n"
        + " libmulti2-1.0-1.i386\n", list);
  }

  @Test
  void testPlainOstreeCommits_strataDatabaseInTree_diffsCorrectly() throws IOException {
    DiffExpectation x = DbDiffSyntheticTest.rpmBases();
    Path repo = repo();
    String[] commits = new String[2];
    int i = 0;
    for (List<DiffExpectation.Pkg> side : List.of(x.from, x.to)) {
      Path t = tree(tmp.resolve("t" + i), "usr/share/doc/README", "rpm tree\n");
      PackageDatabase.create(t.resolve(PackageLists.STRATA_DB), side.stream().map(p -> {
        PackageList.Package q = p.toPackage();
        return new InstalledPackage(PackageFormat.RPM, q.name(), q.epoch(), q.version(), q.release(), q.arch(),
            List.of(), List.of(), List.of("/usr/share/doc/" + q.name()));
      }).toList());
      commits[i] = ostreeCommit(repo, "rpm/" + i, t);
      i++;
    }
    x.checkJson(DbDiffDebianTest.strata("db", "diff", "--repo=" + repo, "--format=json", "rpm/0", "rpm/1"),
        commits[0], commits[1]);
    x.checkDiff(DbDiffDebianTest.strata("db", "diff", "--repo=" + repo, "--format=diff", "rpm/0", "rpm/1"));
    String json = DbDiffDebianTest.strata("db", "list", "--repo=" + repo, "--json", "rpm/1", "rpmnew");
    assertTrue(json.contains("\"source\": \"strata-db\""), json);
    assertTrue(json.contains("\"nevra\": \"rpmnew-1.0-1.noarch\""), json);
  }

  @Test
  void testCommitWithoutAnyPackageDatabase_oneLineError() throws IOException {
    Path repo = repo();
    String a = ostreeCommit(repo, "empty/a", tree(tmp.resolve("e"), "usr/share/doc/README", "x\n"));
    java.io.StringWriter o = new java.io.StringWriter();
    java.io.StringWriter e = new java.io.StringWriter();
    int rc = dev.strata.cli.Main.run(new String[] {"db", "diff", "--repo=" + repo, "empty/a", "empty/a"},
        new java.io.PrintWriter(o), new java.io.PrintWriter(e));
    assertEquals(1, rc);
    assertEquals("", o.toString());
    String err = e.toString();
    assertTrue(err.startsWith("error: commit " + a + " has no package list") && err.lines().count() == 1, err);
  }
}
