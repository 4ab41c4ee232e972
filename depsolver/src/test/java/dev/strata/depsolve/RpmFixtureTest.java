package dev.strata.depsolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.repo.SourcesConfig;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An rpm-md repository of small real RPMs (rpmbuild + createrepo_c) solved by Strata and by
 * libsolv's testsolv with the same locked base: file requires, obsoletes, rich dependencies,
 * versions and a conflict with a locked base package.
 */
class RpmFixtureTest {
  @TempDir static Path dir;
  static Solver solver;
  static String lastOutput;

  /** The base: name, version, release, arch, provides (files count as provides for testsolv). */
  static final String[][] BASE = {
    {"bash", "5.2", "1", "x86_64", "/bin/sh", "/usr/bin/bash"},
    {"python3", "3.11", "1", "x86_64"},
    {"oldtool", "1.0", "1", "noarch"},
    {"basepkg", "1.0", "1", "noarch"},
  };

  @BeforeAll
  static void build() throws IOException {
    HostTools.require("rpmbuild");
    HostTools.require("createrepo_c");
    HostTools.require("testsolv");
    Path top = dir.resolve("rpmbuild");
    spec(top, "hello", "1.0", "1", "Requires: /bin/sh\nRequires: libfoo >= 2.0", "/usr/bin/hello-tool");
    spec(top, "libfoo", "1.0", "1", "", "/usr/lib/libfoo.so.1");
    spec(top, "libfoo", "2.0", "1", "", "/usr/lib/libfoo.so.2");
    spec(top, "needsfile", "1.0", "1", "Requires: /usr/bin/hello-tool", "/usr/share/needsfile");
    spec(top, "newtool", "2.0", "1", "Obsoletes: oldtool < 2.0\nProvides: oldtool = 2.0",
        "/usr/bin/newtool");
    spec(top, "toolclient", "1.0", "1", "Requires: oldtool >= 2.0", "/usr/share/toolclient");
    spec(top, "richapp", "1.0", "1",
        "Requires: (pyplugin if python3)\nRequires: (guiplugin if desktop-env)\n"
            + "Requires: (backend-a or backend-b)\nRequires: (libfoo with libfoo >= 2.0)",
        "/usr/bin/richapp");
    spec(top, "pyplugin", "1.0", "1", "Requires: python3", "/usr/share/pyplugin");
    spec(top, "guiplugin", "1.0", "1", "", "/usr/share/guiplugin");
    spec(top, "backend-a", "1.0", "1", "", "/usr/share/backend-a");
    spec(top, "backend-b", "1.0", "1", "", "/usr/share/backend-b");
    spec(top, "badpkg", "1.0", "1", "Conflicts: basepkg", "/usr/share/badpkg");
    spec(top, "needsbad", "1.0", "1", "Requires: badpkg", "/usr/share/needsbad");
    spec(top, "elseapp", "1.0", "1", "Requires: (backend-b if desktop-env else backend-a)",
        "/usr/share/elseapp");
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo);
    try (var s = Files.walk(top.resolve("RPMS"))) {
      for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".rpm"))::iterator) {
        Files.copy(p, repo.resolve(p.getFileName()));
      }
    }
    HostTools.run("createrepo_c", "-q", repo.toString()).ok();
    HostTools.run("repo2solv", "-F", "-o", dir.resolve("fixture.solv").toString(), repo.toString()).ok();
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("etc/yum.repos.d"));
    Files.writeString(tree.resolve("etc/yum.repos.d/fixture.repo"),
        "[fixture]\nname=fixture\nbaseurl=file://" + repo + "\ngpgcheck=0\n");
    List<Package> base = new ArrayList<>();
    for (String[] b : BASE) {
      List<Relation> prov = new ArrayList<>();
      List<String> files = new ArrayList<>();
      for (int i = 4; i < b.length; i++) {
        files.add(b[i]);
      }
      base.add(Package.builder(VersionScheme.RPM, b[0], new Evr(0, b[1], b[2]), b[3])
          .provides(prov).files(files).build());
    }
    solver = Solver.of(InstalledPackages.of("x86_64", base), SourcesConfig.read(tree),
        dir.resolve("cache"));
  }

  private static void spec(Path top, String name, String version, String release, String deps,
      String file) throws IOException {
    Path specs = Files.createDirectories(top.resolve("SPECS"));
    Path spec = specs.resolve(name + "-" + version + ".spec");
    String dirname = file.substring(0, file.lastIndexOf('/'));
    Files.writeString(spec, "Name: " + name + "\nVersion: " + version + "\nRelease: " + release
        + "\nSummary: fixture\nLicense: MIT\nBuildArch: noarch\n" + deps + "\n"
        + "%description\nfixture\n%install\nmkdir -p %{buildroot}" + dirname
        + "\necho " + name + " > %{buildroot}" + file + "\n%files\n" + file + "\n");
    HostTools.run("rpmbuild", "-bb", "--define", "_topdir " + top, spec.toString()).ok();
  }

  /** libsolv's answer: installed NEVRAs, or null for a problem. */
  static Set<String> testsolv(String request) throws IOException {
    return testsolv(request, Set.of());
  }

  /** libsolv's answer with some base packages left unlocked. */
  static Set<String> testsolv(String request, Set<String> unlocked) throws IOException {
    StringBuilder tc = new StringBuilder("repo system 0 testtags <inline>\n");
    for (String[] b : BASE) {
      tc.append("#>=Pkg: ").append(b[0]).append(' ').append(b[1]).append(' ').append(b[2])
          .append(' ').append(b[3]).append('\n');
      for (int i = 4; i < b.length; i++) {
        tc.append("#>=Prv: ").append(b[i]).append('\n');
      }
    }
    tc.append("repo fixture 0 solv fixture.solv\n"); // relative to the testcase file
    tc.append("system x86_64 rpm system\n");
    for (String[] b : BASE) {
      if (!unlocked.contains(b[0])) {
        tc.append("job lock name ").append(b[0]).append('\n');
      }
    }
    tc.append("job install name ").append(request).append('\n');
    tc.append("result transaction,problems <inline>\n");
    Path f = dir.resolve("case-" + request.replace('/', '_') + ".t");
    Files.writeString(f, tc);
    dev.strata.fixtures.TestSolv.Result r = dev.strata.fixtures.TestSolv.run(f);
    lastOutput = r.output();
    return r.installs();
  }

  private static Set<String> strata(String request) throws Exception {
    Plan p = solver.solve(Request.of(request));
    assertTrue(solver.check(p, false).isEmpty(), solver.check(p, false).toString());
    Set<String> s = new TreeSet<>();
    p.install().forEach(i -> s.add(i.name() + "-" + i.evr() + "." + i.arch()));
    return s;
  }

  private static void assertSameAsLibsolv(String request) throws Exception {
    Set<String> libsolv = testsolv(request);
    assertTrue(libsolv != null, "libsolv finds no solution for " + request + ":\n" + lastOutput);
    assertEquals(libsolv, strata(request), request);
  }

  @Test
  void testFileRequires_baseProvidesBinSh() throws Exception {
    assertSameAsLibsolv("hello");
    assertEquals(Set.of("hello-1.0-1.noarch", "libfoo-2.0-1.noarch"), strata("hello"));
  }

  @Test
  void testFileRequires_onRepositoryFile() throws Exception {
    assertSameAsLibsolv("needsfile");
  }

  @Test
  void testFilePathRequest_loadsFilelists() throws Exception {
    // /usr/share/... is only in filelists.xml (primary lists /etc and bin paths). testsolv does
    // not index file provides that no package requires, so libsolv is asked for the owner.
    assertEquals(testsolv("backend-b"), strata("/usr/share/backend-b"));
    assertEquals(Set.of("backend-b-1.0-1.noarch"), strata("/usr/share/backend-b"));
  }

  @Test
  void testHighestVersion_chosen() throws Exception {
    assertSameAsLibsolv("libfoo");
  }

  @Test
  void testRichDependencies_ifOrWith() throws Exception {
    assertSameAsLibsolv("richapp");
    assertTrue(strata("richapp").contains("pyplugin-1.0-1.noarch"));
    assertTrue(!strata("richapp").contains("guiplugin-1.0-1.noarch"));
  }

  @Test
  void testRichDependencies_ifElse() throws Exception {
    assertSameAsLibsolv("elseapp");
    assertTrue(strata("elseapp").contains("backend-a-1.0-1.noarch"));
  }

  @Test
  void testObsoletesLockedBase_noPlan() throws Exception {
    assertEquals(null, testsolv("newtool"));
    NoSolutionException e = assertThrows(NoSolutionException.class,
        () -> solver.solve(Request.of("newtool")));
    assertTrue(e.getMessage().contains("oldtool 1.0-1") && e.getMessage().contains("locked"),
        e.getMessage());
  }

  @Test
  void testRequiresVersionOnlyAnObsoleterOffers_noPlan() throws Exception {
    assertEquals(null, testsolv("toolclient"));
    NoSolutionException e = assertThrows(NoSolutionException.class,
        () -> solver.solve(Request.of("toolclient")));
    assertTrue(e.getMessage().startsWith("toolclient 1.0-1 requires oldtool (>= 2.0)"), e.getMessage());
    assertTrue(e.getMessage().contains("locked"), e.getMessage());
  }

  @Test
  void testOverride_replacesBasePackageLikeUnlockedLibsolv() throws Exception {
    Plan p = solver.solve(Request.of("toolclient").withOverrides(Set.of("oldtool")));
    assertTrue(solver.check(p, false).isEmpty(), solver.check(p, false).toString());
    Set<String> mine = new TreeSet<>();
    p.install().forEach(i -> mine.add(i.name() + "-" + i.evr() + "." + i.arch()));
    assertEquals(testsolv("toolclient", Set.of("oldtool")), mine);
    assertEquals(List.of("oldtool"), p.replaced().stream().map(Package::name).toList());
    assertTrue(p.install().stream().anyMatch(i -> i.reason().equals("replaces base oldtool 1.0-1 (override)")
        || i.reason().startsWith("needed by toolclient")), p.install().toString());
  }

  @Test
  void testConflictWithLockedBase_explained() throws Exception {
    assertEquals(null, testsolv("needsbad"));
    NoSolutionException e = assertThrows(NoSolutionException.class,
        () -> solver.solve(Request.of("needsbad")));
    assertEquals("needsbad 1.0-1 requires badpkg; badpkg 1.0-1 conflicts with basepkg, but the"
        + " base has basepkg 1.0-1 locked; layer a newer base or use override", e.getMessage());
  }
}
