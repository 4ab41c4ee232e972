package dev.strata.layering.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import dev.strata.pkgdb.dpkg.DpkgAdmin;
import dev.strata.pkgdb.dpkg.DpkgPackage;
import dev.strata.pkgdb.dpkg.DpkgState;
import dev.strata.sandbox.HardlinkedBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dpkg database writer against real {@code dpkg -i} on a copy of the same tree. */
class DpkgAdminOracleTest {
  private static List<Path> debs;
  private static Path real;

  @BeforeAll
  static void realDpkg() throws Exception {
    HostTools.require("dpkg");
    debs = DebianArchive.download("libunwind8", "strace");
    real = HardlinkedBase.copyCheckout("dpkg-oracle");
    HostTools.run("dpkg", "--root=" + real, "-i", debs.get(0).toString(), debs.get(1).toString())
        .ok();
  }

  @AfterAll
  static void repositoryUntouched() {
    HardlinkedBase.fsck();
  }

  private static String query(Path admin, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("dpkg-query", "--admindir=" + admin));
    cmd.addAll(List.of(args));
    return HostTools.run(cmd, null, java.util.Map.of(), java.time.Duration.ofMinutes(1)).ok()
        .stdout();
  }

  @Test
  void testInstall_sameDatabaseAsDpkg() throws Exception {
    Path tree = HardlinkedBase.checkout("dpkg-mine");
    Path admin = tree.resolve(DebianPackages.adminDir(tree));
    Object statusInode = Files.getAttribute(admin.resolve("status"), "unix:ino");
    DpkgAdmin db = DpkgAdmin.open(admin);
    for (Path deb : debs) {
      db.install(DebianPackages.read(deb), DpkgState.INSTALLED);
    }
    db.write(admin);
    Path realAdmin = real.resolve("var/lib/dpkg");
    assertEquals(Files.readString(realAdmin.resolve("status")),
        Files.readString(admin.resolve("status")), "status file byte for byte");
    for (String f : List.of("libunwind8:amd64.list", "libunwind8:amd64.md5sums",
        "libunwind8:amd64.shlibs", "libunwind8:amd64.triggers", "strace.list", "strace.md5sums")) {
      assertEquals(Files.readString(realAdmin.resolve("info/" + f)),
          Files.readString(admin.resolve("info/" + f)), f);
    }
    try (var a = Files.list(realAdmin.resolve("info")); var b = Files.list(admin.resolve("info"))) {
      assertEquals(a.map(p -> p.getFileName().toString()).sorted().toList(),
          b.map(p -> p.getFileName().toString()).sorted().toList(), "the same info files");
    }
    for (String t : List.of("File", "ldconfig")) {
      assertEquals(Files.readString(realAdmin.resolve("triggers/" + t)),
          Files.readString(admin.resolve("triggers/" + t)), t);
    }
    String fmt = "-f=${binary:Package} ${Version} ${Status} ${Conffiles}\\n";
    assertEquals(query(realAdmin, "-W", fmt), query(admin, "-W", fmt));
    assertEquals(query(realAdmin, "-L", "strace", "libunwind8"),
        query(admin, "-L", "strace", "libunwind8"));
    assertEquals(query(realAdmin, "-s", "strace"), query(admin, "-s", "strace"));
    assertEquals("", HostTools.run("dpkg", "--root=" + tree, "--audit").ok().stdout());
    assertTrue(!statusInode.equals(Files.getAttribute(admin.resolve("status"), "unix:ino")),
        "status replaced by rename, not edited through the hardlink");
  }

  @Test
  void testPurge_restoresStatusAndRemovesInfo() throws Exception {
    Path tree = HardlinkedBase.checkout("dpkg-purge");
    Path admin = tree.resolve(DebianPackages.adminDir(tree));
    String before = Files.readString(admin.resolve("status"));
    DpkgAdmin db = DpkgAdmin.open(admin);
    DpkgPackage strace = DebianPackages.read(debs.get(1));
    db.install(strace, DpkgState.UNPACKED);
    db.write(admin);
    assertTrue(query(admin, "-W", "-f=${Status}", "strace").equals("install ok unpacked"));
    DpkgAdmin again = DpkgAdmin.open(admin);
    again.purge("strace");
    again.write(admin);
    assertEquals(before, Files.readString(admin.resolve("status")));
    assertTrue(Files.notExists(admin.resolve("info/strace.list")));
    assertTrue(Files.notExists(admin.resolve("info/strace.md5sums")));
  }
}
