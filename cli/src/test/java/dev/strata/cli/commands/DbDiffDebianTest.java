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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, what must hold 1, on the real Debian base: after {@code strata install strace}, {@code db
 * diff} lists exactly strace and libunwind8 as added, as the real .debs name them; and strace
 * installed by the real {@code dpkg -i} into a copy of the base (committed by Strata) diffs exactly
 * as dpkg-query sees the two dpkg databases.
 */
class DbDiffDebianTest {
  static Path tmp;
  static Path root;
  static Path repoDir;
  static String base;
  static String installed;
  static String dpkgLayered;
  static String dryRun;
  static String uninstallDryRun;

  @BeforeAll
  static void layerStrace() throws IOException {
    tmp = Files.createTempDirectory("strata-dbdiff-");
    DebianLayerFixture f = new DebianLayerFixture(tmp);
    root = f.sys.root;
    repoDir = root.resolve("ostree/repo");
    base = f.baseCommit;
    dryRun = f.sys.strata("install", "--dry-run", "--json", "strace").ok().out();
    f.sys.strata("install", "strace").ok();
    uninstallDryRun = f.sys.strata("uninstall", "--dry-run", "--json", "strace").ok().out();
    installed = JsonParser.parseString(f.sys.strata("status", "--json").ok().out()).getAsJsonObject()
        .getAsJsonArray("deployments").get(0).getAsJsonObject().get("checksum").getAsString();
    dpkgLayered = layerWithDpkg(Repo.open(repoDir), base, tmp.resolve("dpkg-layered"));
  }

  /** A copy of the base where the real dpkg installs the real debs, committed as layering would. */
  static String layerWithDpkg(Repo repo, String base, Path t) throws IOException {
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
    Path admin = t.resolve(PackageLists.DPKG_STATUS).getParent();
    PackageDatabase.create(t.resolve(PackageLists.STRATA_DB), DpkgDatabase.read(admin));
    return PackageList.of(PackageFormat.DEB, DpkgDatabase.read(admin))
        .addTo(repo.newCommit().tree(t).branch("dpkg/layered").parent(Optional.of(new Checksum(base))))
        .metadataString("version", "12")
        .metadata("strata.layer-version", new Variant("u", 1))
        .call().checksum().hex();
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

  /** name:arch to "version arch" of the installed packages, as dpkg-query reads the commit's database. */
  static Map<String, String> dpkgQuery(String checksum) {
    Path admin = tmp.resolve("dpkgdb-" + checksum);
    if (!Files.isDirectory(admin)) {
      HostTools.run("ostree", "checkout", "--repo=" + repoDir, "--subpath=/" + PackageLists.DPKG_STATUS
          .replace("/status", ""), checksum, admin.toString()).ok();
    }
    return dpkgQuery(admin);
  }

  /** The same, read from a deployment's dpkg database. */
  static Map<String, String> dpkgQueryDeployment(String checksum) {
    return dpkgQuery(root.resolve("ostree/deploy/" + DebianLayerFixture.OS + "/deploy/" + checksum + ".0")
        .resolve(PackageLists.DPKG_STATUS).getParent());
  }

  static Map<String, String> dpkgQuery(Path admin) {
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

  /** name:arch to "evr arch" of the added entries; fails on any other type. */
  static Map<String, String> added(String json) {
    Map<String, String> added = new TreeMap<>();
    for (JsonElement e : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("pkgdiff")) {
      JsonArray a = e.getAsJsonArray();
      assertEquals(0, a.get(1).getAsInt(), "type of " + a);
      JsonArray np = a.get(2).getAsJsonObject().getAsJsonArray("NewPackage");
      assertEquals(a.get(0).getAsString(), np.get(0).getAsString());
      added.put(np.get(0).getAsString() + ":" + np.get(2).getAsString(),
          np.get(1).getAsString() + " " + np.get(2).getAsString());
    }
    return added;
  }

  @Test
  void testDbDiffJson_afterInstallStrace_listsExactlyStraceAndLibunwind8_asTheDebsNameThem() {
    String json = strata("--sysroot=" + root, "db", "diff", "--format=json");
    JsonObject j = JsonParser.parseString(json).getAsJsonObject();
    assertEquals(base, j.get("ostree-commit-from").getAsString(), "rollback (base) to default (layered)");
    assertEquals(installed, j.get("ostree-commit-to").getAsString());
    Map<String, String> want = new TreeMap<>();
    for (Path deb : DebianArchive.download("strace", "libunwind8")) {
      String[] f = HostTools.run("dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture").ok()
          .stdout().lines().map(l -> l.substring(l.indexOf(':') + 1).trim()).toArray(String[]::new);
      want.put(f[0] + ":" + f[2], f[1] + " " + f[2]);
    }
    assertEquals(want, added(json));
    // and the difference of the two deployments' dpkg status files, as dpkg-query reads them
    Map<String, String> before = dpkgQueryDeployment(base);
    Map<String, String> after = dpkgQueryDeployment(installed);
    assertTrue(before.size() > 80, "dpkg-query saw " + before.size() + " packages in the base deployment");
    for (Map.Entry<String, String> e : before.entrySet()) {
      assertEquals(e.getValue(), after.get(e.getKey()), "dpkg-query: unchanged " + e.getKey());
    }
    after.keySet().removeAll(before.keySet());
    assertEquals(after, added(json));
  }

  @Test
  void testJsonOutputs_conformToTheirSchemas() {
    JsonSchemas.check("install", dryRun);
    JsonSchemas.check("uninstall", uninstallDryRun);
    JsonSchemas.check("db diff", strata("--sysroot=" + root, "db", "diff", "--json"));
    JsonSchemas.check("db list", strata("--sysroot=" + root, "db", "list", "--json", "0", "1", "lib*"));
    JsonSchemas.check("status", strata("--sysroot=" + root, "status", "--json"));
  }

  @Test
  void testDbDiffJson_dpkgInstalledStrace_matchesDpkgQueryOnBothDatabases() {
    Map<String, String> before = dpkgQuery(base);
    Map<String, String> after = dpkgQuery(dpkgLayered);
    assertTrue(before.size() > 80, "dpkg-query saw " + before.size() + " packages in the base");
    Map<String, String> expected = new TreeMap<>(after);
    expected.keySet().removeAll(before.keySet());
    for (Map.Entry<String, String> e : before.entrySet()) {
      assertEquals(e.getValue(), after.get(e.getKey()), "dpkg-query: unchanged " + e.getKey());
    }
    assertEquals(List.of("libunwind8:amd64", "strace:amd64"), new ArrayList<>(expected.keySet()));
    assertEquals(expected, added(strata("db", "diff", "--repo=" + repoDir, "--format=json", base, dpkgLayered)));
    // what strata install recorded is what dpkg itself made of the same request
    assertEquals(Map.of(), added(strata("db", "diff", "--repo=" + repoDir, "--format=json", installed, dpkgLayered)));
  }

  @Test
  void testDbDiff_indexesBlockAndDiffFormats() {
    String block = strata("--sysroot=" + root, "db", "diff", "1", "0");
    String[] l = block.split("\n");
    assertEquals("ostree diff commit from: deployment 1 (" + base + ")", l[0]);
    assertEquals("ostree diff commit to:   deployment 0 (" + installed + ")", l[1]);
    assertEquals("Added:", l[2]);
    assertEquals("  libunwind8-1.6.2-3.amd64", l[3]);
    assertEquals("  strace-6.1-0.1.amd64", l[4]);
    assertEquals(5, l.length);
    assertEquals(List.of("-libunwind8-1.6.2-3.amd64", "-strace-6.1-0.1.amd64"),
        strata("--sysroot=" + root, "db", "diff", "--format=diff", "0", DebianLayerFixture.REF).lines().toList());
  }

  @Test
  void testDbDiffBase_comparesTheBaseCommits() {
    JsonObject j = JsonParser.parseString(strata("--sysroot=" + root, "db", "diff", "--base", "--format=json",
        installed, dpkgLayered)).getAsJsonObject();
    assertEquals(base, j.get("ostree-commit-from").getAsString());
    assertEquals(base, j.get("ostree-commit-to").getAsString());
    assertEquals(0, j.getAsJsonArray("pkgdiff").size());
  }

  @Test
  void testTreeDatabase_matchesTheMetadataList() throws IOException {
    Repo repo = Repo.open(repoDir);
    for (String c : List.of(base, dpkgLayered)) {
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
