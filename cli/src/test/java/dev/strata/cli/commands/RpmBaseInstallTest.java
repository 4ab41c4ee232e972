package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.fixtures.RpmSigner;
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

  /**
   * Signs the fixture repository's packages with rpmsign ({@code skip}: left unsigned), runs
   * {@code createrepo_c} again, and sets {@code gpgcheck=1} with {@code gpgkey=} the given key
   * file in the deployment's fixture.repo.
   */
  private void signedRepository(RpmSigner signer, String email, Path gpgkey, String skip)
      throws Exception {
    try (var s = Files.list(f.repo)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".rpm")).toList()) {
        if (!p.getFileName().toString().startsWith(skip + "-")) {
          signer.sign(p, email, false);
        }
      }
    }
    HostTools.run("createrepo_c", "-q", f.repo.toString()).ok();
    String d = f.sys.ostreeStatus().get(0);
    Path repoFile = f.sys.root.resolve("ostree/deploy/testos/deploy/" + d + "/etc/yum.repos.d/fixture.repo");
    Files.writeString(repoFile, Files.readString(repoFile).replace("gpgcheck=0",
        "gpgcheck=1\ngpgkey=file://" + gpgkey));
  }

  /** The deployments and the repository's refs: what a refused install must leave unchanged. */
  private String sysrootState() throws Exception {
    return f.sys.ostreeStatus() + " " + new TreeSet<>(Repo.open(f.sys.root.resolve("ostree/repo"))
        .refs().list().keySet());
  }

  @Test
  void testGpgcheck_signedPackagesWithTheRightKey_installed() throws Exception {
    try (RpmSigner signer = new RpmSigner(tmp.resolve("signer"))) {
      signer.key("repo@example.invalid", "rsa2048");
      Path key = signer.export(tmp.resolve("RPM-GPG-KEY-fixture"), "repo@example.invalid");
      signedRepository(signer, "repo@example.invalid", key, "");
      signer.trust(key);
      assertTrue(signer.check(f.repo.resolve("libdep-1.0-1.noarch.rpm")), "rpm -K agrees");
      SysrootFixture.Run r = f.sys.strata("install", "app");
      assertEquals(0, r.status(), r.err());
      assertTrue(f.deployedPackages(f.sys.ostreeStatus().get(0)).contains("libdep-1.0-1.noarch"));
      // verified when they entered the package cache: reused without fetching again
      r = f.sys.strata("install", "helper");
      assertEquals(0, r.status(), r.err());
      String log = r.out() + r.err();
      assertTrue(log.contains("libapp 2.0-1 (cached)") && log.contains("fetching helper"), log);
    }
  }

  @Test
  void testGpgcheck_wrongKeyUnsignedOrTamperedPackage_oneLineNothingChanged() throws Exception {
    try (RpmSigner signer = new RpmSigner(tmp.resolve("signer"))) {
      signer.key("repo@example.invalid", "ed25519");
      signer.key("other@example.invalid", "ed25519");
      Path key = signer.export(tmp.resolve("RPM-GPG-KEY-fixture"), "repo@example.invalid");
      Path other = signer.export(tmp.resolve("RPM-GPG-KEY-other"), "other@example.invalid");
      signer.trust(key);
      // libdep, the last package of the plan, is unsigned: app and libapp are fetched, not imported
      signedRepository(signer, "repo@example.invalid", key, "libdep");
      Path libdep = f.repo.resolve("libdep-1.0-1.noarch.rpm");
      assertFalse(signer.check(libdep), "rpm -K: no signature");
      String before = sysrootState();
      SysrootFixture.Run r = f.sys.strata("install", "app");
      assertEquals(1, r.status());
      assertEquals("error: libdep-1.0-1.noarch.rpm: the package is not signed, but repository"
          + " [fixture] has gpgcheck=1; sign it with 'rpmsign --addsign' (or use a repository of"
          + " signed packages), or set gpgcheck=0 for repository [fixture] to install it unverified",
          errorLine(r));
      assertEquals(before, sysrootState());

      // every package signed, but the header of libapp changed afterwards (digests made to match)
      signer.sign(libdep, "repo@example.invalid", false);
      Path libapp = f.repo.resolve("libapp-2.0-1.noarch.rpm");
      RpmSigner.tamperHeader(libapp, "Test package libapp");
      HostTools.run("createrepo_c", "-q", f.repo.toString()).ok();
      assertFalse(signer.check(libapp), "rpm -K: bad signature");
      r = f.sys.strata("install", "app");
      assertEquals(1, r.status());
      String e = errorLine(r);
      assertTrue(e.startsWith("error: libapp-2.0-1.noarch.rpm: the header signature is not valid"
          + " (BAD signature by key "), e);
      assertEquals(before, sysrootState());

      // gpgkey names a key that signed none of them
      String d = f.sys.ostreeStatus().get(0);
      Path repoFile = f.sys.root.resolve("ostree/deploy/testos/deploy/" + d + "/etc/yum.repos.d/fixture.repo");
      Files.writeString(repoFile, Files.readString(repoFile).replace(key.toString(), other.toString()));
      r = f.sys.strata("install", "app");
      assertEquals(1, r.status());
      e = errorLine(r);
      assertTrue(e.startsWith("error: app-1.0-1.noarch.rpm: the header signature is not valid (no key ")
          && e.endsWith("add the key that signed it to gpgkey= of repository [fixture] if you trust"
              + " it, or do not install the package"), e);
      assertEquals(before, sysrootState());

      // gpgcheck=0: digests only, the tampered (but index-matching) package is installed
      Files.writeString(repoFile, Files.readString(repoFile).replace("gpgcheck=1", "gpgcheck=0"));
      r = f.sys.strata("install", "app");
      assertEquals(0, r.status(), r.err());

      // gpgcheck=1 again: the tampered package, now in the package cache unverified, is not reused
      d = f.sys.ostreeStatus().get(0);
      repoFile = f.sys.root.resolve("ostree/deploy/testos/deploy/" + d + "/etc/yum.repos.d/fixture.repo");
      Files.writeString(repoFile, Files.readString(repoFile).replace("gpgcheck=0", "gpgcheck=1")
          .replace(other.toString(), key.toString()));
      String installed = sysrootState();
      r = f.sys.strata("install", "helper");
      assertEquals(1, r.status());
      e = errorLine(r);
      assertTrue(e.startsWith("error: libapp-2.0-1.noarch.rpm: the header signature is not valid"
          + " (BAD signature by key "), e);
      assertEquals(installed, sysrootState());
    }
  }

  /** The one error line, which must be the last line (progress lines come before it). */
  static String errorLine(SysrootFixture.Run r) {
    List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), r.err());
    assertEquals(errors.get(0), r.err().strip().lines().reduce((a, b) -> b).orElse(""), r.err());
    return errors.get(0);
  }
}
