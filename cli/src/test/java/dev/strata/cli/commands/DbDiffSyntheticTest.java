package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.pkgdb.PackageFormat;
import dev.strata.store.Repo;
import dev.strata.store.RepoMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, what must hold 2: two synthetic bases of 3,000 packages with known upgrades, downgrades,
 * removals and additions (epochs and tildes included): every entry right in all three formats.
 */
class DbDiffSyntheticTest {
  @TempDir Path tmp;

  /** 3,000 packages in the old list, each with the change its number says. */
  static DiffExpectation debianBases() {
    DiffExpectation x = new DiffExpectation();
    for (int i = 0; i < 3000; i++) {
      String n = String.format("pkg%04d", i);
      switch (i % 12) {
        case 0 -> x.upgrade(n, "1.0-1", "1.0-2", "amd64");
        case 1 -> x.upgrade(n, "2.0~rc1-1", "2.0-1", "amd64");
        case 2 -> x.downgrade(n, "3.0-1", "3.0~beta1-1", "amd64");
        case 3 -> x.upgrade(n, "9.9-1", "1:1.0-1", "all");
        case 4 -> x.downgrade(n, "2:1.0-1", "1:5.0-1", "amd64");
        case 5 -> x.removed(n, "1:4.2.1-3+deb12u1", "amd64");
        case 6 -> x.downgrade(n, "1.0-1", "1.0-1~bpo12+1", "amd64");
        case 7 -> x.upgrade(n, "20230101", "20230101+nmu1", "all");
        case 8 -> x.upgrade(n, "1.2.3-1", "1.2.10-1", "amd64");
        default -> x.same(n, i % 2 == 0 ? "1:0.9~git1-2" : "5.36.0-7+deb12u1", "amd64");
      }
      if (i % 12 == 5) {
        x.added(String.format("new%04d", i), "0.1~pre-1", "amd64");
      }
    }
    // Several architectures of one name, and architecture changes.
    x.upgrade("libmulti", "1.0-1", "1.1-1", "amd64").removed("libmulti", "1.0-1", "i386");
    x.added("libmulti2", "1.0-1", "i386").same("libmulti2", "1.0-1", "amd64");
    x.removed("archchg", "1.0-1", "amd64").added("archchg", "1.0-1", "all");
    x.change(2, new DiffExpectation.Pkg("archup", "1.0-1", "amd64"), new DiffExpectation.Pkg("archup", "1.1-1", "all"));
    return x;
  }

  /** The same shape with rpm's rules: tilde before, caret after the end, epochs, numeric segments. */
  static DiffExpectation rpmBases() {
    DiffExpectation x = new DiffExpectation();
    for (int i = 0; i < 600; i++) {
      String n = String.format("rpm%04d", i);
      switch (i % 8) {
        case 0 -> x.upgrade(n, "1.0-1.fc40", "1.0-2.fc40", "x86_64");
        case 1 -> x.upgrade(n, "2.0~rc1-1", "2.0-1", "noarch");
        case 2 -> x.upgrade(n, "3.0-1", "3.0^git20240101-1", "x86_64");
        case 3 -> x.downgrade(n, "1:1.0-1", "9.9-1", "x86_64");
        case 4 -> x.removed(n, "1.0-1", "x86_64");
        case 5 -> x.upgrade(n, "1.9-1", "1.10-1", "x86_64");
        case 6 -> x.downgrade(n, "1.0a-1", "1.0-1", "x86_64");
        default -> x.same(n, "3:1.2.3-4.el9", "x86_64");
      }
    }
    x.added("rpmnew", "1.0-1", "noarch");
    return x;
  }

  private void checkAllFormats(DiffExpectation x, PackageFormat f) throws IOException {
    Path repoDir = tmp.resolve("repo");
    Repo repo = Repo.init(repoDir, RepoMode.BARE);
    Path tree = Files.createDirectories(tmp.resolve("tree/usr/lib"));
    Files.writeString(tree.resolve("os-release"), "ID=test\n");
    String a = DiffExpectation.list(f, x.from).addTo(repo.newCommit().tree(tmp.resolve("tree")).branch("test/a"))
        .call().checksum().hex();
    String b = DiffExpectation.list(f, x.to).addTo(repo.newCommit().tree(tmp.resolve("tree")).branch("test/b"))
        .call().checksum().hex();

    x.checkJson(DbDiffDebianTest.strata("db", "diff", "--repo=" + repoDir, "--format=json", "test/a", "test/b"), a, b);
    String block = DbDiffDebianTest.strata("db", "diff", "--repo=" + repoDir, "test/a", b);
    assertEquals("ostree diff commit from: test/a (" + a + ")", block.lines().findFirst().orElseThrow());
    x.checkBlock(block);
    x.checkDiff(DbDiffDebianTest.strata("db", "diff", "--repo=" + repoDir, "--format=diff", a, "test/b"));
  }

  @Test
  void testDiff_3000DebianPackages_everyEntryRightInAllFormats() throws IOException {
    DiffExpectation x = debianBases();
    assertEquals(3000 + 2 + 1 + 1 + 1, x.from.size());
    checkAllFormats(x, PackageFormat.DEB);
  }

  @Test
  void testDiff_rpmVersionOrder_everyEntryRightInAllFormats() throws IOException {
    checkAllFormats(rpmBases(), PackageFormat.RPM);
  }
}
