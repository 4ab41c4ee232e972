package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.store.Repo;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata cleanup} drops the package-cache entries that no remaining deployment uses. */
class CleanupPackageCacheTest {
  @TempDir Path dir;

  private static Set<String> packageCache(Path sys) throws Exception {
    Set<String> refs = new TreeSet<>();
    for (String r : Repo.open(sys.resolve("ostree/repo")).refs().list().keySet()) {
      if (r.startsWith("strata/pkg/")) {
        refs.add(r.substring("strata/pkg/".length(), r.indexOf('/', "strata/pkg/".length())));
      }
    }
    return refs;
  }

  @Test
  void testCleanup_dropsThePackageCacheOfRemovedDeploymentsOnly() throws Exception {
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
    Path sys = DemoSysroot.run(dir.resolve("demo"), sink, sink);
    String root = "--sysroot=" + sys;
    try {
      assertEquals(Set.of("libunwind8", "strace"), packageCache(sys));

      CliRunner.ok(root, "cleanup", "-r");   // the layered deployment stays the default
      assertEquals(Set.of("libunwind8", "strace"), packageCache(sys));

      CliRunner.ok(root, "uninstall", "strace");
      CliRunner.Run r = CliRunner.ok(root, "cleanup", "-r");   // removes the layered deployment
      assertEquals(Set.of(), packageCache(sys));
      assertTrue(r.err().contains("Dropped 2 unused package-cache entries"), r.err());

      HostTools.run("ostree", "fsck", "--repo=" + sys.resolve("ostree/repo")).ok();
      String refs = HostTools.run("ostree", "refs", "--repo=" + sys.resolve("ostree/repo")).ok().stdout();
      assertTrue(!refs.contains("strata/pkg/"), refs);
      CliRunner.ok(root, "install", "strace");   // the cache is filled again on demand
      assertEquals(Set.of("libunwind8", "strace"), packageCache(sys));
    } finally {
      DemoSysroot.unlock(sys);
    }
  }
}
