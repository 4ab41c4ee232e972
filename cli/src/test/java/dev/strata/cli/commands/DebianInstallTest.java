package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "Real Debian": strata install strace on the debootstrap minbase from a signed file:
 * mirror holding the real .debs; then uninstall. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianInstallTest {
  @TempDir static Path tmp;
  static DebianLayerFixture f;
  static String baseDeployment;
  static Map<String, String> baseSnapshot;
  static String layeredDeployment;

  @BeforeAll
  static void setUp() throws Exception {
    f = new DebianLayerFixture(tmp);
    baseDeployment = f.sys.deployDirs().get(0);
    baseSnapshot = DebianLayerFixture.snapshot(f.deployDir(baseDeployment));
  }

  @AfterAll
  static void unlock() throws Exception {
    SysrootFixture.unlock(tmp);
  }

  @Test
  @Order(1)
  void testInstallDryRun_printsPlanAndChangesNothing() throws Exception {
    SysrootFixture.Run r = f.sys.strata("install", "--dry-run", "strace").ok();
    assertTrue(r.out().contains("strace 6.1-0.1 amd64  requested"), r.out());
    assertTrue(r.out().contains("libunwind8 1.6.2-3 amd64  needed by strace"), r.out());
    assertEquals(List.of(baseDeployment), f.sys.deployDirs());
  }

  @Test
  @Order(2)
  void testInstallStrace_bootsWithStrace() throws Exception {
    SysrootFixture.Run r = f.sys.strata("install", "strace");
    assertEquals(0, r.status(), r.err());
    List<String> order = f.sys.ostreeStatus();
    assertEquals(2, order.size(), order.toString());
    assertEquals(baseDeployment, order.get(1));
    layeredDeployment = order.get(0);
    assertNotEquals(baseDeployment, layeredDeployment);
    Path d = f.deployDir(layeredDeployment);
    String origin = Files.readString(d.resolveSibling(layeredDeployment + ".origin"));
    assertTrue(origin.contains("baserefspec=" + DebianLayerFixture.REF), origin);
    assertTrue(origin.contains("requested=strace;"), origin);

    HostTools.Result v = f.inBootedView(layeredDeployment, "strace -V");
    assertEquals(0, v.exitCode(), v.stderr() + v.stdout());
    assertTrue(v.stdout().contains("strace -- version 6.1"), v.stdout());
    HostTools.Result q = f.inBootedView(layeredDeployment, "dpkg-query -W strace libunwind8");
    assertEquals(0, q.exitCode(), q.stderr() + q.stdout());
    assertTrue(q.stdout().contains("strace\t6.1-0.1"), q.stdout());

    assertEquals(baseSnapshot, DebianLayerFixture.snapshot(f.deployDir(baseDeployment)));
    HostTools.run("ostree", "fsck", "--repo=" + f.sys.root.resolve("ostree/repo")).ok();
  }

  @Test
  @Order(3)
  void testStatus_showsBaseCommitAndLayeredPackages() {
    String out = f.sys.strata("status").ok().out();
    assertTrue(out.contains("BaseCommit: " + f.baseCommit), out);
    assertTrue(out.contains("LayeredPackages: strace"), out);
  }

  @Test
  @Order(4)
  void testInstallAgain_saysAlreadyRequested() throws Exception {
    SysrootFixture.Run r = f.sys.strata("install", "strace");
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("error: strace is already requested; use --idempotent"), r.err());
    assertEquals(0, f.sys.strata("install", "--idempotent", "strace").status());
    assertEquals(77, f.sys.strata("install", "--idempotent", "--unchanged-exit-77", "strace").status());
    SysrootFixture.Run base = f.sys.strata("install", "dpkg");
    assertEquals(1, base.status());
    assertTrue(base.err().contains("dpkg is already provided by the base"), base.err());
    assertEquals(2, f.sys.ostreeStatus().size());
  }

  @Test
  @Order(5)
  void testUninstall_givesTheBaseTreeBack() throws Exception {
    SysrootFixture.Run r = f.sys.strata("uninstall", "strace");
    assertEquals(0, r.status(), r.err());
    List<String> order = f.sys.ostreeStatus();
    assertTrue(order.get(0).startsWith(f.baseCommit + "."), order.toString());
    String origin = Files.readString(f.deployDir(order.get(0)).resolveSibling(order.get(0) + ".origin"));
    assertTrue(origin.contains("refspec=" + DebianLayerFixture.REF) && !origin.contains("requested"), origin);
    HostTools.run("ostree", "fsck", "--repo=" + f.sys.root.resolve("ostree/repo")).ok();
  }

  @Test
  @Order(6)
  void testDriver_moduleDepmodAndKarg() throws Exception {
    assertEquals(0, f.sys.strata("install", "kmod").status());
    Path src = tmp.resolve("fakedrv.c");
    Files.writeString(src, "__attribute__((section(\".modinfo\"), used)) static const char l[] = \"license=GPL\";\n"
        + "__attribute__((section(\".modinfo\"), used)) static const char n[] = \"name=fakedrv\";\n"
        + "__attribute__((section(\".modinfo\"), used)) static const char v[] = \"vermagic=6.1.0-test SMP mod_unload \";\n"
        + "int fakedrv_init(void) { return 0; }\n");
    HostTools.run("gcc", "-c", "-o", tmp.resolve("fakedrv.ko").toString(), src.toString()).ok();
    Path deb = TestDeb.builder("fakedrv").depends("kmod")
        .dir("./usr").dir("./usr/lib").dir("./usr/lib/modules").dir("./usr/lib/modules/6.1.0-test")
        .dir("./usr/lib/modules/6.1.0-test/extra")
        .file("./usr/lib/modules/6.1.0-test/extra/fakedrv.ko", Files.readAllBytes(tmp.resolve("fakedrv.ko")), 0644)
        .dir("./etc").dir("./etc/modprobe.d").file("./etc/modprobe.d/fakedrv.conf", "blacklist nouveau\n", 0644)
        .script("postinst", "#!/bin/sh\nset -e\ndepmod 6.1.0-test\n")
        .build(tmp.resolve("debs"));
    SysrootFixture.Run r = f.sys.strata("install", deb.toString());
    assertEquals(0, r.status(), r.err());
    SysrootFixture.Run k = f.sys.strata("kargs", "--append=modprobe.blacklist=nouveau");
    assertEquals(0, k.status(), k.err());
    String d = f.sys.ostreeStatus().get(0);
    Path dir = f.deployDir(d);
    Path mod = dir.resolve("usr/lib/modules/6.1.0-test");
    assertTrue(Files.isRegularFile(mod.resolve("extra/fakedrv.ko")));
    String dep = Files.readString(mod.resolve("modules.dep"));
    assertTrue(dep.contains("extra/fakedrv.ko:"), dep);
    assertEquals("blacklist nouveau\n", Files.readString(dir.resolve("etc/modprobe.d/fakedrv.conf")));
    String entries;
    try (var s = Files.list(f.sys.root.resolve("boot/loader/entries"))) {
      entries = s.map(p -> {
        try {
          return Files.readString(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).filter(t -> t.contains(d.substring(0, d.indexOf('.')))).findFirst().orElse("");
    }
    assertTrue(entries.contains("modprobe.blacklist=nouveau"), entries);
    HostTools.run("ostree", "fsck", "--repo=" + f.sys.root.resolve("ostree/repo")).ok();
  }
}
