package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain RPM tree carrying a real rpmdb (sqlite, written by rpm) is imported with {@code compose
 * import}, which lists its packages in Strata's package database; {@code install} then resolves
 * against those packages, locked, and the tree's own yum.repos.d, as libsolv does.
 */
class RpmTreeImportTest {
  @TempDir Path tmp;

  @AfterEach
  void unlock() throws Exception {
    SysrootFixture.unlock(tmp);
  }

  @Test
  void testImportedRpmdbIsTheInstalledSet_installResolvesAgainstIt() throws Exception {
    RpmBaseFixture f = new RpmBaseFixture(tmp, true);
    String booted = f.sys.ostreeStatus().get(0);
    assertEquals(Set.of("bash-5.2-1.x86_64", "basetool-1.5-1.noarch", "filesystem-3.18-1.x86_64"),
        f.deployedPackages(booted));
    Set<String> libsolv = f.testsolv("name app", null);
    assertEquals(libsolv, f.strataPlan("app"));
    SysrootFixture.Run r = f.sys.strata("install", "app");
    assertEquals(0, r.status(), r.err());
    Set<String> after = f.deployedPackages(f.sys.ostreeStatus().get(0));
    assertTrue(after.containsAll(libsolv) && after.contains("basetool-1.5-1.noarch"), after.toString());
  }
}
