package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "Failpoints": {@code strata install} killed at every step (a child JVM halted by
 * STRATA_FAILPOINTS) leaves a consistent sysroot and repository, with the boot configuration the
 * old or the new one; the next install succeeds.
 */
class LayerFailpointTest {
  static final List<String> POINTS = List.of(
      "layer::import-before-commit", "commit-before-ref", "layer::after-checkout",
      "layer::after-overlay", "layer::after-scripts", "layer::after-db", "layer::after-commit",
      "deploy::after-checkout", "deploy::after-etc-merge", "sysroot::before-loader-swap",
      "sysroot::after-loader-swap");

  @TempDir Path tmp;

  @AfterEach
  void unlock() throws Exception {
    SysrootFixture.unlock(tmp);
  }

  @Test
  void testInstallKilledAtEveryStep_sysrootConsistentAndNextInstallWorks() throws Exception {
    SysrootFixture sys = new SysrootFixture(tmp);
    TinyDebianBase.deploy(sys);
    Path deb = TestDeb.builder("hello").dir("./usr").dir("./usr/bin")
        .file("./usr/bin/hello", "#!/bin/sh\necho hello\n", 0755).build(tmp.resolve("debs"));
    List<String> before = sys.ostreeStatus();
    List<String> failures = new ArrayList<>();
    for (String fp : POINTS) {
      SysrootFixture.Run r = sys.child(Map.of("STRATA_FAILPOINTS", fp), "install", deb.toString());
      if (r.status() != 137) {
        failures.add(fp + ": exit " + r.status() + " " + r.err());
        continue;
      }
      List<String> now = sys.ostreeStatus();
      boolean old = now.equals(before);
      boolean isNew = now.size() == before.size() + 1 && now.subList(1, now.size()).equals(before);
      if (!old && !isNew) {
        failures.add(fp + ": boot configuration is neither the old nor the new one: " + now);
      }
      HostTools.Result fsck = HostTools.run("ostree", "fsck", "--repo=" + sys.root.resolve("ostree/repo"));
      if (fsck.exitCode() != 0) {
        failures.add(fp + ": ostree fsck failed: " + fsck.stderr());
      }
      if (sys.strata("status").status() != 0) {
        failures.add(fp + ": strata status failed");
      }
      if (isNew) {
        sys.strata("uninstall", "hello").ok();
        sys.strata("cleanup", "-r").ok();
        before = sys.ostreeStatus();
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    SysrootFixture.Run ok = sys.strata("install", deb.toString());
    assertEquals(0, ok.status(), ok.err());
    assertEquals(before.size() + 1, sys.ostreeStatus().size());
    HostTools.run("ostree", "fsck", "--repo=" + sys.root.resolve("ostree/repo")).ok();
  }
}
