package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.fixtures.TestRpm;
import dev.strata.store.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issues 5 and 6 on an RPM base: the installed set is the base's package database (every package
 * locked), the sources are the deployment's {@code /etc/yum.repos.d}, and local .rpm files have
 * their requires resolved against the base and the repositories. Plans are compared with libsolv's
 * {@code testsolv} on the same base and repository.
 */
class RpmBaseInstallTest {
  @TempDir Path tmp;
  RpmBaseFixture f;

  @BeforeEach
  void base() throws Exception {
    f = new RpmBaseFixture(tmp);
  }

  @AfterEach
  void unlock() throws Exception {
    SysrootFixture.unlock(tmp);
  }

  @Test
  void testInstall_pullsTheDependencyChain_fileAndVersionedRequiresMetByLockedBase() throws Exception {
    Set<String> expected = Set.of("app-1.0-1.noarch", "libapp-2.0-1.noarch", "libdep-1.0-1.noarch");
    assertEquals(expected, f.testsolv("name app", null));
    assertEquals(expected, f.strataPlan("app"));

    SysrootFixture.Run r = f.sys.strata("install", "app");
    assertEquals(0, r.status(), r.err());
    String d = f.sys.ostreeStatus().get(0);
    Set<String> after = f.deployedPackages(d);
    for (String p : expected) {
      assertTrue(after.contains(p), p + " in " + after);
    }
    assertTrue(after.contains("basetool-1.5-1.noarch") && !after.contains("basetool-2.0-1.noarch"), after.toString());
    Path dir = f.sys.root.resolve("ostree/deploy/testos/deploy/" + d);
    assertEquals("/usr/share/libdep/data\n", Files.readString(dir.resolve("usr/share/libdep/data")));
    String origin = Files.readString(dir.resolveSibling(d + ".origin"));
    assertTrue(origin.contains("requested=app;"), origin);
    HostTools.run("ostree", "fsck", "--repo=" + f.sys.root.resolve("ostree/repo")).ok();
  }

  @Test
  void testDryRunJson_showsPlanWithReasonsAndRepository() throws Exception {
    SysrootFixture.Run r = f.sys.strata("install", "--dry-run", "--json", "app").ok();
    var install = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("install");
    List<String> lines = new java.util.ArrayList<>();
    install.forEach(e -> {
      var o = e.getAsJsonObject();
      lines.add(o.get("name").getAsString() + " " + o.get("version").getAsString() + " "
          + o.get("repository").getAsString() + " " + o.get("reason").getAsString());
    });
    assertEquals(List.of("app 1.0-1 fixture requested",
        "libapp 2.0-1 fixture needed by app (libapp (>= 2.0))",
        "libdep 1.0-1 fixture needed by libapp (libdep)"), lines);
    assertEquals(1, f.sys.ostreeStatus().size(), "a dry run deploys nothing");
  }

  @Test
  void testNewerVersionOfLockedBasePackage_refusedNamingIt() throws Exception {
    assertNull(f.testsolv("name needsnewer", null));
    List<String> before = f.sys.ostreeStatus();
    SysrootFixture.Run r = f.sys.strata("install", "needsnewer");
    assertEquals(1, r.status());
    assertEquals("error: needsnewer 1.0-1 requires basetool (>= 2.0), but the base has basetool"
        + " 1.5-1 locked and the repositories' basetool 2.0-1 would replace it; layer a newer base"
        + " or use override", errorLine(r));
    assertEquals(before, f.sys.ostreeStatus());
  }

  @Test
  void testLocalRpm_requiresPulledFromTheRepository() throws Exception {
    // /usr/share/helper/data is only in the repository's filelists (primary lists bin and etc paths)
    Path local = f.localRpm(TestRpm.builder("localtool").requires("/usr/share/helper/data")
        .requires("/bin/sh"), "/usr/share/localtool/data");
    Set<String> libsolv = f.testsolv("name localtool", local);
    assertEquals(Set.of("helper-1.0-1.noarch", "localtool-1.0-1.noarch"), libsolv);
    assertEquals(libsolv, f.strataPlan(local.toString()));

    SysrootFixture.Run r = f.sys.strata("install", local.toString());
    assertEquals(0, r.status(), r.err());
    String d = f.sys.ostreeStatus().get(0);
    Set<String> after = f.deployedPackages(d);
    assertTrue(after.containsAll(libsolv), after.toString());
    Path dir = f.sys.root.resolve("ostree/deploy/testos/deploy/" + d);
    assertTrue(Files.isRegularFile(dir.resolve("usr/share/helper/data")));
    String origin = Files.readString(dir.resolveSibling(d + ".origin"));
    assertTrue(origin.contains("requested-local=") && origin.contains(":localtool-1.0-1.noarch;"), origin);
    assertTrue(!origin.contains("requested=helper"), "helper is a dependency, not a request: " + origin);
  }

  @Test
  void testLocalRpm_missingRequire_oneLineErrorNothingChanged() throws Exception {
    Path local = f.localRpm(TestRpm.builder("orphan").requires("libnowhere >= 3"), "/usr/share/orphan/data");
    assertNull(f.testsolv("name orphan", local));
    List<String> before = f.sys.ostreeStatus();
    SysrootFixture.Run r = f.sys.strata("install", local.toString());
    assertEquals(1, r.status());
    assertEquals("error: cannot layer the local package " + local + ": orphan 1.0-1 requires"
        + " libnowhere (>= 3), but no repository offers libnowhere; add a repository that provides"
        + " it or request something else", errorLine(r));
    assertEquals(before, f.sys.ostreeStatus());
    Set<String> refs = new TreeSet<>(Repo.open(f.sys.root.resolve("ostree/repo")).refs().list().keySet());
    assertTrue(refs.stream().noneMatch(x -> x.startsWith("strata/pkg/orphan")), refs.toString());
  }

  @Test
  void testPlanOnAPlainRpmTree_root() throws Exception {
    Path tree = tmp.resolve("plain-tree");
    Files.createDirectories(tree.resolve("usr/lib/strata"));
    dev.strata.pkgdb.PackageDatabase.create(tree.resolve("usr/lib/strata/packages.mv.db"),
        RpmBaseFixture.baseRows());
    Files.createDirectories(tree.resolve("etc/yum.repos.d"));
    Files.writeString(tree.resolve("etc/yum.repos.d/fixture.repo"),
        "[fixture]\nbaseurl=" + f.repo.toUri() + "\n");
    SysrootFixture.Run r = f.sys.inProcess("install", "--dry-run", "--json", "--root=" + tree, "app").ok();
    assertEquals(f.testsolv("name app", null), RpmBaseFixture.planSet(r.out()));
  }

  @Test
  void testGpgcheckWithoutSignedMetadata_refused() throws Exception {
    String d = f.sys.ostreeStatus().get(0);
    Path repoFile = f.sys.root.resolve("ostree/deploy/testos/deploy/" + d + "/etc/yum.repos.d/fixture.repo");
    Files.writeString(repoFile, Files.readString(repoFile).replace("gpgcheck=0", "gpgcheck=1"));
    SysrootFixture.Run r = f.sys.strata("install", "app");
    assertEquals(1, r.status());
    String e = errorLine(r);
    assertTrue(e.contains("fixture.repo: repository [fixture] has gpgcheck=1")
        && e.endsWith("or set gpgcheck=0 to trust the repository as it is"), e);
  }

  /** The one error line, which must be the last line (progress lines come before it). */
  static String errorLine(SysrootFixture.Run r) {
    List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), r.err());
    assertEquals(errors.get(0), r.err().strip().lines().reduce((a, b) -> b).orElse(""), r.err());
    return errors.get(0);
  }
}
