package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.DebRepo;
import dev.strata.fixtures.TestDeb;
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
 * Local .deb files have their Depends resolved against the base's dpkg database and the
 * deployment's own signed apt source: what they need comes from the source, and a relation met
 * nowhere is a one-line error naming the file and the relation, with nothing changed.
 */
class LocalDebDependsTest {
  @TempDir Path tmp;
  SysrootFixture sys;

  @BeforeEach
  void base() throws Exception {
    sys = new SysrootFixture(tmp);
    Path pool = Files.createDirectories(tmp.resolve("pool"));
    DebRepo.Built repo = DebRepo.builder()
        .add(TestDeb.builder("libhelper").file("/usr/share/libhelper/data", "helper\n".getBytes(), 0644)
            .build(pool))
        .add(TestDeb.builder("extra").file("/usr/share/extra/data", "extra\n".getBytes(), 0644).build(pool))
        .build(tmp.resolve("apt-repo"));
    TinyDebianBase.deploy(sys, tree -> {
      Path d = Files.createDirectories(tree.resolve("usr/etc/apt/sources.list.d"));
      Files.writeString(d.resolve("fixture.list"), repo.sourcesLine() + "\n");
    });
  }

  @AfterEach
  void unlock() throws Exception {
    SysrootFixture.unlock(tmp);
  }

  private Path local(TestDeb b) throws Exception {
    return b.build(Files.createDirectories(tmp.resolve("local")));
  }

  @Test
  void testLocalDeb_dependsPulledFromTheSource() throws Exception {
    Path deb = local(TestDeb.builder("localapp").depends("libhelper (>= 1.0)").depends("base-files")
        .file("/usr/share/localapp/data", "app\n".getBytes(), 0644));
    SysrootFixture.Run plan = sys.strata("install", "--dry-run", deb.toString()).ok();
    assertTrue(plan.out().contains("  libhelper 1.0-1 all  needed by localapp (libhelper (>= 1.0))"),
        plan.out());
    SysrootFixture.Run r = sys.strata("install", deb.toString());
    assertEquals(0, r.status(), r.err());
    Path dir = sys.root.resolve("ostree/deploy/testos/deploy/" + sys.ostreeStatus().get(0));
    assertEquals("helper\n", Files.readString(dir.resolve("usr/share/libhelper/data")));
    String status = Files.readString(dir.resolve("usr/share/dpkg/database/status"));
    assertTrue(status.contains("Package: libhelper\nStatus: install ok installed"), status);
    assertTrue(status.contains("Package: localapp\nStatus: install ok installed"), status);

    // the next transaction resolves the layered local package again (from the package cache),
    // so its dependency stays although only "extra" is requested by name
    SysrootFixture.Run next = sys.strata("install", "extra");
    assertEquals(0, next.status(), next.err());
    Path dir2 = sys.root.resolve("ostree/deploy/testos/deploy/" + sys.ostreeStatus().get(0));
    assertEquals("helper\n", Files.readString(dir2.resolve("usr/share/libhelper/data")));
    assertEquals("extra\n", Files.readString(dir2.resolve("usr/share/extra/data")));
    assertTrue(Files.isRegularFile(dir2.resolve("usr/share/localapp/data")));
  }

  @Test
  void testLocalDeb_conflictsWithLockedBasePackage_refused() throws Exception {
    Path deb = local(TestDeb.builder("rival").conflicts("base-files")
        .file("/usr/share/rival/data", "rival\n".getBytes(), 0644));
    List<String> before = sys.ostreeStatus();
    SysrootFixture.Run r = sys.strata("install", deb.toString());
    assertEquals(1, r.status());
    assertEquals("error: cannot layer the local package " + deb + ": rival 1.0-1 conflicts with"
        + " base-files, but the base has base-files 12.4 locked; layer a newer base or use override",
        RpmBaseInstallTest.errorLine(r));
    assertEquals(before, sys.ostreeStatus());
  }

  @Test
  void testLocalDeb_dependsMissingEverywhere_oneLineErrorNothingChanged() throws Exception {
    Path deb = local(TestDeb.builder("ghost").depends("libnowhere (>= 2)")
        .file("/usr/share/ghost/data", "boo\n".getBytes(), 0644));
    List<String> before = sys.ostreeStatus();
    Set<String> refsBefore = new TreeSet<>(Repo.open(sys.root.resolve("ostree/repo")).refs().list().keySet());
    SysrootFixture.Run r = sys.strata("install", deb.toString());
    assertEquals(1, r.status());
    assertEquals("error: cannot layer the local package " + deb + ": ghost 1.0-1 requires"
        + " libnowhere (>= 2), but no repository offers libnowhere; add a repository that provides"
        + " it or request something else", RpmBaseInstallTest.errorLine(r));
    assertEquals(before, sys.ostreeStatus());
    assertEquals(refsBefore, new TreeSet<>(Repo.open(sys.root.resolve("ostree/repo")).refs().list().keySet()));
  }
}
