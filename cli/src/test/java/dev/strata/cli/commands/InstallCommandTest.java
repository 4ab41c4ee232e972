package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.strata.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallCommandTest {
  @TempDir Path dir;
  Path tree;

  /** A tree whose only source is a local repository marked trusted (unsigned InRelease). */
  @BeforeEach
  void tree() throws Exception {
    String packages = "Package: app\nVersion: 1.0-1\nArchitecture: amd64\nDepends: libapp\n"
        + "Filename: pool/app_1.0-1_amd64.deb\nSize: 1\n\n"
        + "Package: libapp\nVersion: 2.0-1\nArchitecture: amd64\nFilename: pool/libapp.deb\nSize: 1\n\n"
        + "Package: needsnew\nVersion: 1.0-1\nArchitecture: amd64\nDepends: base-lib (>= 2)\n\n";
    Path bin = Files.createDirectories(dir.resolve("mirror/dists/t/main/binary-amd64"));
    Files.writeString(bin.resolve("Packages"), packages);
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(packages.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Files.writeString(dir.resolve("mirror/dists/t/InRelease"), "Suite: t\nSHA256:\n " + sha + " "
        + packages.length() + " main/binary-amd64/Packages\n");
    tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("etc/apt/sources.list.d"));
    Files.createDirectories(tree.resolve("var/lib/dpkg"));
    Files.writeString(tree.resolve("etc/apt/sources.list.d/t.list"),
        "deb [trusted=yes] file:" + dir.resolve("mirror") + " t main\n");
    Files.writeString(tree.resolve("var/lib/dpkg/status"),
        "Package: dpkg\nStatus: install ok installed\nVersion: 1.21\nArchitecture: amd64\n\n"
            + "Package: base-lib\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n");
  }

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(rc), out.toString(), err.toString()};
  }

  @Test
  void testInstall_withoutDryRun_refused() {
    String[] r = run("install", "--root=" + tree, "app");
    assertEquals("1", r[0]);
    assertEquals("error: --root plans against a plain tree and never changes it; add --dry-run to see"
        + " the plan, or leave out --root to layer onto the sysroot\n", r[2]);
  }

  @Test
  void testInstallDryRun_json() {
    String[] r = run("install", "--dry-run", "--json", "--root=" + tree, "app", "base-lib");
    assertEquals("0", r[0], r[2]);
    JsonObject o = JsonParser.parseString(JsonSchemas.check("install", r[1])).getAsJsonObject();
    assertEquals("app", o.getAsJsonArray("install").get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("needed by app (libapp)",
        o.getAsJsonArray("install").get(1).getAsJsonObject().get("reason").getAsString());
    assertEquals("base-lib", o.getAsJsonArray("already-installed").get(0).getAsJsonObject()
        .get("package").getAsString());
  }

  @Test
  void testInstallDryRun_text() {
    String[] r = run("install", "--dry-run", "--root=" + tree, "app");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].startsWith("Packages to add (2):\n  app 1.0-1 amd64  requested  ["), r[1]);
  }

  @Test
  void testInstallDryRun_lockedBaseExplained() {
    String[] r = run("install", "--dry-run", "--root=" + tree, "needsnew");
    assertEquals("1", r[0]);
    assertEquals("error: needsnew 1.0-1 requires base-lib (>= 2), but the base has base-lib 1.0-1"
        + " locked and no repository offers another; layer a newer base or use override\n", r[2]);
  }

  @Test
  void testInstallDryRun_unknownPackage() {
    String[] r = run("install", "--dry-run", "--root=" + tree, "nosuch");
    assertEquals("1", r[0]);
    assertTrue(r[2].startsWith("error: no package nosuch in the repositories of this tree;"), r[2]);
    assertEquals(1, r[2].lines().count());
  }
}
