package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6, "Hostile packages": each is rejected or contained, and the sysroot stays as it was. */
class HostileInstallTest {
  @TempDir Path tmp;
  SysrootFixture sys;
  String base;

  @BeforeEach
  void setUp() throws Exception {
    sys = new SysrootFixture(tmp);
    base = TinyDebianBase.deploy(sys);
  }

  @AfterEach
  void unlock() throws Exception {
    SysrootFixture.unlock(tmp);
  }

  private void assertRejected(Path deb, String... messageParts) throws Exception {
    List<String> before = sys.ostreeStatus();
    long entries = sys.entryCount();
    SysrootFixture.Run r = sys.strata("install", deb.toString());
    assertEquals(1, r.status(), r.out() + r.err());
    List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), r.err());
    String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
    assertEquals(errors.get(0), last, r.err());
    for (String p : messageParts) {
      assertTrue(last.contains(p), "expected '" + p + "' in: " + r.err());
    }
    assertEquals(before, sys.ostreeStatus());
    assertEquals(entries, sys.entryCount());
    HostTools.run("ostree", "fsck", "--repo=" + sys.root.resolve("ostree/repo")).ok();
    try (var s = Files.list(sys.root.resolve("ostree/repo/tmp"))) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("strata-")), "staging left behind");
    }
  }

  @Test
  void testInstall_pathTraversalRejected() throws Exception {
    Path deb = TestDeb.builder("evil-traversal").file("./usr/../../etc/evil", "x", 0644).build(tmp.resolve("debs"));
    assertRejected(deb, "evil-traversal");
  }

  @Test
  void testInstall_symlinkEscapeInPackageRejected() throws Exception {
    Path deb = TestDeb.builder("evil-symlink").dir("./usr").dir("./usr/lib")
        .symlink("./usr/lib/escape", "/etc").file("./usr/lib/escape/passwd", "root::0:0::/:/bin/sh\n", 0644)
        .build(tmp.resolve("debs"));
    assertRejected(deb, "evil-symlink");
  }

  @Test
  void testInstall_writeThroughBaseSymlinkIsConflict() throws Exception {
    Path deb = TestDeb.builder("evil-through").dir("./etc").dir("./etc/os-release")
        .file("./etc/os-release/x", "x", 0644).build(tmp.resolve("debs"));
    assertRejected(deb, "/usr/etc/os-release", "evil-through");
  }

  @Test
  void testInstall_fileConflictWithBaseNamesBothPackagesAndPath() throws Exception {
    Path deb = TestDeb.builder("clash").dir("./usr").dir("./usr/bin").file("./usr/bin/tool", "other\n", 0755)
        .build(tmp.resolve("debs"));
    assertRejected(deb, "file conflict: /usr/bin/tool", "base package base-files", "clash",
        "uninstall one of them");
  }

  @Test
  void testInstall_failingScriptRejectedWithItsOutput() throws Exception {
    Path deb = TestDeb.builder("failing").dir("./usr").dir("./usr/share").file("./usr/share/failing", "x", 0644)
        .script("postinst", "#!/bin/sh\necho about to fail\nexit 3\n").build(tmp.resolve("debs"));
    assertRejected(deb, "postinst of failing", "exit status 3", "about to fail");
  }

  @Test
  void testInstall_scriptSeesNoNetwork() throws Exception {
    Path deb = TestDeb.builder("netpkg").dir("./usr").dir("./usr/share").file("./usr/share/netpkg", "x", 0644)
        .script("postinst", "#!/bin/sh\nwhile read l; do case \"$l\" in Inter*|face*|lo:*) ;; "
            + "*) echo \"has-network: $l\"; exit 7;; esac; done < /proc/net/dev\n")
        .build(tmp.resolve("debs"));
    SysrootFixture.Run r = sys.strata("install", deb.toString());
    assertEquals(0, r.status(), r.err());
  }

  @Test
  void testInstall_scriptWritingRepositoryObjectIsContained() throws Exception {
    Path tool = sys.root.resolve("ostree/deploy/testos/deploy/" + sys.ostreeStatus().get(0) + "/usr/bin/tool");
    String before = Files.readString(tool);
    Path deb = TestDeb.builder("scribbler").dir("./usr").dir("./usr/share").file("./usr/share/scribbler", "x", 0644)
        .script("postinst", "#!/bin/sh\necho scribbled >> /usr/bin/tool\n").build(tmp.resolve("debs"));
    SysrootFixture.Run r = sys.strata("install", deb.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(before, Files.readString(tool));
    HostTools.run("ostree", "fsck", "--repo=" + sys.root.resolve("ostree/repo")).ok();
    Path layered = sys.root.resolve("ostree/deploy/testos/deploy/" + sys.ostreeStatus().get(0) + "/usr/bin/tool");
    assertEquals(before + "scribbled\n", Files.readString(layered));
  }

  @Test
  void testInstall_pathOutsideUsrRejected() throws Exception {
    Path deb = TestDeb.builder("srvpkg").dir("./srv").file("./srv/data", "x", 0644).build(tmp.resolve("debs"));
    assertRejected(deb, "srvpkg", "/srv");
  }

  @Test
  void testInstallLocal_mapsEtcOptVarAndUsrLocal() throws Exception {
    Path deb = TestDeb.builder("mapped").dir("./etc").file("./etc/mapped.conf", "k=v\n", 0644)
        .dir("./opt").dir("./opt/mapped").file("./opt/mapped/run", "#!/bin/sh\n", 0755)
        .dir("./var").dir("./var/lib").dir("./var/lib/mapped")
        .dir("./usr").dir("./usr/local").dir("./usr/local/share").file("./usr/local/share/m", "m\n", 0644)
        .dir("./usr/bin").file("./usr/bin/tool", "base tool\n", 0644)
        .build(tmp.resolve("debs"));
    SysrootFixture.Run r = sys.strata("install", deb.toString());
    assertEquals(0, r.status(), r.err() + r.out());
    String d = sys.ostreeStatus().get(0);
    Path dir = sys.root.resolve("ostree/deploy/testos/deploy/" + d);
    assertEquals("k=v\n", Files.readString(dir.resolve("usr/etc/mapped.conf")));
    assertEquals("k=v\n", Files.readString(dir.resolve("etc/mapped.conf")));
    assertTrue(Files.isRegularFile(dir.resolve("usr/lib/opt/mapped/run")));
    assertTrue(Files.isRegularFile(dir.resolve("usr/lib/usrlocal/share/m")));
    String tmpfiles = Files.readString(dir.resolve("usr/lib/tmpfiles.d/strata-pkg-mapped.conf"));
    assertTrue(tmpfiles.contains("d /var/lib/mapped 0755 root root - -"), tmpfiles);
    assertTrue(tmpfiles.contains("L /var/opt/mapped - - - - /usr/lib/opt/mapped"), tmpfiles);
    assertTrue(tmpfiles.contains("L /var/usrlocal/share - - - - /usr/lib/usrlocal/share"), tmpfiles);
    String origin = Files.readString(dir.resolveSibling(d + ".origin"));
    assertTrue(origin.contains("requested-local="), origin);
    HostTools.run("ostree", "fsck", "--repo=" + sys.root.resolve("ostree/repo")).ok();
    assertEquals(0, sys.strata("uninstall", "mapped").status());
    assertTrue(sys.ostreeStatus().get(0).startsWith(base + "."));
  }
}
