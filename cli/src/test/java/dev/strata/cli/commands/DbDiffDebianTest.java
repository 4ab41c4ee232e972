package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.pkgdb.dpkg.DpkgDatabase;
import dev.strata.pkgdiff.PackageList;
import dev.strata.pkgdiff.PackageLists;
import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.store.checkout.Checkout;
import dev.strata.store.gvariant.Variant;
import dev.strata.store.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, what must hold 1: strace layered onto the real Debian base (dpkg -i of the real debs in a
 * copy of the base, committed and deployed by Strata) shows exactly strace and libunwind8 as added,
 * as dpkg-query on the two deployments' databases says.
 */
class DbDiffDebianTest {
  static Path tmp;
  static Path root;
  static String base;
  static String layered;

  @BeforeAll
  static void layerStrace() throws IOException {
    tmp = Files.createTempDirectory("strata-dbdiff-");
    root = tmp.resolve("sys");
    strata("admin", "init-fs", root.toString());
    strata("--sysroot=" + root, "admin", "os-init", "debian");
    // The base: the cached minbase (linked, never modified) with a stand-in kernel, imported.
    Path src = tmp.resolve("minbase");
    HostTools.run("cp", "-al", DebianArchive.minbase().toString(), src.toString()).ok();
    Files.writeString(src.resolve("boot/vmlinuz-6.1.0-test"), "FAKE KERNEL\n");
    Files.writeString(src.resolve("boot/initrd.img-6.1.0-test"), "FAKE INITRD\n");
    Path repoDir = root.resolve("ostree/repo");
    base = strata("compose", "import", "--repo=" + repoDir, "-b", "debian/base", "--version=12", src.toString())
        .trim();
    strata("--sysroot=" + root, "admin", "deploy", "--os=debian", "debian/base");

    // The layered tree: a copy of the base where the real dpkg installs the real debs.
    Repo repo = Repo.open(repoDir);
    Path t = tmp.resolve("layered");
    Checkout.of(repo, new Checksum(base)).destination(t).forceCopy(true).call();
    Files.move(t.resolve("usr/etc"), t.resolve("etc"));
    Files.createDirectories(t.resolve("var/lib"));
    Files.createSymbolicLink(t.resolve("var/lib/dpkg"), Path.of("../../usr/share/dpkg/database"));
    List<String> cmd = new ArrayList<>(List.of(HostTools.require("dpkg").toString(), "--root=" + t, "-i"));
    DebianArchive.download("strace", "libunwind8").forEach(p -> cmd.add(p.toString()));
    HostTools.run(cmd.toArray(String[]::new)).ok();
    Files.move(t.resolve("etc"), t.resolve("usr/etc"));
    AtomicFiles.deleteTree(t.resolve("var"));
    Files.createDirectory(t.resolve("var"));
    // What layering records: the package database and the package list metadata.
    Path admin = t.resolve(PackageLists.DPKG_STATUS).getParent();
    PackageDatabase.create(t.resolve(PackageLists.STRATA_DB), DpkgDatabase.read(admin));
    PackageList list = PackageList.of(PackageFormat.DEB, DpkgDatabase.read(admin));
    layered = list.addTo(repo.newCommit().tree(t).branch("debian/layered").parent(Optional.of(new Checksum(base))))
        .metadataString("version", "12")
        .metadata("strata.layer-version", new Variant("u", 1))
        .metadata("strata.packages", Variant.ofStringArray(List.of("strace")))
        .call().checksum().hex();
    strata("--sysroot=" + root, "admin", "deploy", "--os=debian", "debian/layered");
  }

  @AfterAll
  static void cleanUp() throws IOException {
    SysrootFixture.unlock(tmp);
    AtomicFiles.deleteTree(tmp);
  }

  static String strata(String... args) {
    java.io.StringWriter o = new java.io.StringWriter();
    java.io.StringWriter e = new java.io.StringWriter();
    int rc = dev.strata.cli.Main.run(args, new java.io.PrintWriter(o), new java.io.PrintWriter(e));
    if (rc != 0) {
      throw new AssertionError("strata " + String.join(" ", args) + " failed (" + rc + "): " + e + o);
    }
    return o.toString();
  }

  /** name:arch to "version arch" of the installed packages, as dpkg-query reads the deployment's database. */
  static Map<String, String> dpkgQuery(String checksum) {
    Path admin = root.resolve("ostree/deploy/debian/deploy/" + checksum + ".0").resolve(PackageLists.DPKG_STATUS)
        .getParent();
    String out = HostTools.run("dpkg-query", "--admindir=" + admin, "-W",
        "-f=${db:Status-Abbrev}|${Package}|${Version}|${Architecture}\n").ok().stdout();
    Map<String, String> m = new TreeMap<>();
    for (String line : out.split("\n")) {
      String[] f = line.split("\\|");
      if (f.length == 4 && f[0].startsWith("ii")) {
        m.put(f[1] + ":" + f[3], f[2] + " " + f[3]);
      }
    }
    return m;
  }

  @Test
  void testDbDiffJson_listsExactlyStraceAndLibunwind8Added_asDpkgQuerySays() {
    JsonObject j = JsonParser.parseString(strata("--sysroot=" + root, "db", "diff", "--format=json"))
        .getAsJsonObject();
    assertEquals(base, j.get("ostree-commit-from").getAsString());
    assertEquals(layered, j.get("ostree-commit-to").getAsString());

    Map<String, String> before = dpkgQuery(base);
    Map<String, String> after = dpkgQuery(layered);
    assertTrue(before.size() > 80, "dpkg-query saw " + before.size() + " packages in the base");
    Map<String, String> expectedAdded = new TreeMap<>(after);
    expectedAdded.keySet().removeAll(before.keySet());
    assertEquals(new TreeSet<>(before.keySet()), new TreeSet<>(after.keySet()) {
      { removeAll(expectedAdded.keySet()); }
    }, "nothing removed");
    for (String k : before.keySet()) {
      assertEquals(before.get(k), after.get(k), "unchanged " + k);
    }

    Map<String, String> added = new TreeMap<>();
    for (JsonElement e : j.getAsJsonArray("pkgdiff")) {
      JsonArray a = e.getAsJsonArray();
      assertEquals(0, a.get(1).getAsInt(), "type of " + a);
      JsonArray np = a.get(2).getAsJsonObject().getAsJsonArray("NewPackage");
      assertEquals(a.get(0).getAsString(), np.get(0).getAsString());
      added.put(np.get(0).getAsString() + ":" + np.get(2).getAsString(),
          np.get(1).getAsString() + " " + np.get(2).getAsString());
    }
    assertEquals(expectedAdded, added);
    assertEquals(List.of("libunwind8", "strace"), added.keySet().stream().map(k -> k.split(":")[0]).toList());
  }

  @Test
  void testDbDiff_indexesBlockAndDiffFormats() {
    String block = strata("--sysroot=" + root, "db", "diff", "1", "0");
    String[] l = block.split("\n");
    assertEquals("ostree diff commit from: deployment 1 (" + base + ")", l[0]);
    assertEquals("ostree diff commit to:   deployment 0 (" + layered + ")", l[1]);
    assertEquals("Added:", l[2]);
    assertTrue(l[3].matches("  libunwind8-1\\.6\\.2-3\\.amd64"), l[3]);
    assertTrue(l[4].matches("  strace-6\\.1-0\\.1\\.amd64"), l[4]);
    assertEquals(5, l.length);
    assertEquals("-strace-6.1-0.1.amd64\n-libunwind8-1.6.2-3.amd64\n".lines().sorted().toList(),
        strata("--sysroot=" + root, "db", "diff", "--format=diff", "debian/layered", "debian/base").lines().sorted()
            .toList());
  }

  @Test
  void testDbDiffBase_comparesTheBaseCommits() {
    JsonObject j = JsonParser.parseString(strata("--sysroot=" + root, "db", "diff", "--base", "--format=json"))
        .getAsJsonObject();
    assertEquals(base, j.get("ostree-commit-from").getAsString());
    assertEquals(base, j.get("ostree-commit-to").getAsString());
    assertEquals(0, j.getAsJsonArray("pkgdiff").size());
  }

  @Test
  void testTreeDatabase_matchesTheMetadataList() throws IOException {
    Repo repo = Repo.open(root.resolve("ostree/repo"));
    for (String c : List.of(base, layered)) {
      PackageLists.Read meta = PackageLists.read(repo, new Checksum(c));
      assertEquals(PackageLists.Source.METADATA, meta.source());
      PackageLists.Read tree = PackageLists.readTree(repo, repo.readCommit(new Checksum(c)));
      assertEquals(PackageLists.Source.DPKG_STATUS, tree.source());
      assertEquals(meta.list(), tree.list());
    }
  }

  @Test
  void testStatus_pendingDeploymentShowsDiff_whenBaseIsBooted() {
    SysrootFixture.Run r = child(Map.of("STRATA_BOOTED_DEPLOYMENT", base + ".0"), "status", "-v");
    r.ok();
    assertTrue(r.out().contains("                     Diff: 0 upgraded, 0 downgraded, 0 removed, 2 added\n"), r.out());
    assertTrue(r.out().contains("                    Added: libunwind8-1.6.2-3.amd64\n"
        + "                           strace-6.1-0.1.amd64\n"), r.out());
    String plain = strata("--sysroot=" + root, "status");
    assertTrue(!plain.contains("Diff:"), "nothing booted, nothing pending: " + plain);
  }

  static SysrootFixture.Run child(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Main", "--sysroot=" + root));
    cmd.addAll(List.of(args));
    HostTools.Result r = HostTools.run(cmd, null, env, java.time.Duration.ofMinutes(2));
    return new SysrootFixture.Run(r.exitCode(), r.stdout(), r.stderr());
  }
}
