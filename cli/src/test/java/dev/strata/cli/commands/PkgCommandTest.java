package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.strata.cli.Main;
import dev.strata.fixtures.TestDeb;
import dev.strata.fixtures.TestRpm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata pkg info} and {@code strata pkg contents}, text and JSON, and their errors. */
class PkgCommandTest {
  @TempDir Path tmp;

  record Run(int rc, String out, String err) {}

  static Run strata(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(rc, out.toString(), err.toString());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path deb() {
    return TestDeb.builder("foo").version("1:2.0-1").arch("amd64").depends("bar (>= 1) | baz")
        .file("/usr/bin/foo", bytes("#!/bin/sh\n"), 0755).symlink("/usr/bin/f", "foo")
        .conffile("/etc/foo.conf", bytes("x\n")).postinst("#!/bin/sh\necho hi\n").build(tmp);
  }

  @Test
  void testPkgInfo_text() {
    Run r = strata("pkg", "info", deb().toString());
    assertEquals(0, r.rc(), r.err());
    assertTrue(r.out().contains("Name:         foo\n"), r.out());
    assertTrue(r.out().contains("Version:      1:2.0-1\n"), r.out());
    assertTrue(r.out().contains("Requires:     bar (>= 1) | baz\n"), r.out());
    assertTrue(r.out().contains("Script:       post-install (/bin/sh)\n"), r.out());
    assertTrue(r.out().contains("Conffile:     /etc/foo.conf\n"), r.out());
  }

  @Test
  void testPkgInfo_json() {
    Run r = strata("pkg", "info", "--json", deb().toString());
    assertEquals(0, r.rc(), r.err());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals("foo", o.get("name").getAsString());
    assertEquals("1", o.get("epoch").getAsString());
    assertEquals("2.0", o.get("version").getAsString());
    assertEquals("1", o.get("release").getAsString());
    JsonArray req = o.getAsJsonObject("relations").getAsJsonArray("requires");
    assertEquals("bar", req.get(0).getAsJsonArray().get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("ge", req.get(0).getAsJsonArray().get(0).getAsJsonObject().get("op").getAsString());
  }

  @Test
  void testPkgContents_textAndJsonForSeveralFiles() {
    Path deb = deb();
    Path rpm = TestRpm.builder("bar").file("/usr/bin/bar", bytes("x"), 0755).build(tmp);
    Run t = strata("pkg", "contents", rpm.toString());
    assertEquals(0, t.rc(), t.err());
    assertTrue(t.out().contains("-rwxr-xr-x root/root          1 /usr/bin/bar\n"), t.out());
    Run v = strata("pkg", "contents", "--verify-content", deb.toString(), rpm.toString());
    assertEquals(0, v.rc(), v.err());
    assertTrue(v.out().contains("==> " + rpm + " <==\n"), v.out());
    Run j = strata("pkg", "contents", "--json", deb.toString(), rpm.toString());
    assertEquals(0, j.rc(), j.err());
    JsonArray all = JsonParser.parseString(j.out()).getAsJsonArray();
    assertEquals(2, all.size());
    assertEquals("foo_1:2.0-1_amd64", all.get(0).getAsJsonObject().get("package").getAsString());
    boolean link = false;
    for (var f : all.get(0).getAsJsonObject().getAsJsonArray("files")) {
      JsonObject o = f.getAsJsonObject();
      if (o.get("path").getAsString().equals("/usr/bin/f")) {
        link = o.get("type").getAsString().equals("symlink") && o.get("target").getAsString().equals("foo");
      }
    }
    assertTrue(link, j.out());
  }

  @Test
  void testPkgContents_badPackageIsOneLineError() throws Exception {
    byte[] b = Files.readAllBytes(deb());
    Path bad = Files.write(tmp.resolve("cut_1.0_all.deb"), java.util.Arrays.copyOf(b, b.length / 2));
    Run r = strata("pkg", "contents", deb().toString(), bad.toString());
    assertEquals(1, r.rc());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("error: ") && r.err().contains("cut_1.0_all.deb: ")
        && r.err().contains("; ") && r.err().lines().count() == 1, r.err());
  }

  @Test
  void testPkgInfo_missingFile() {
    Run r = strata("pkg", "info", tmp.resolve("nope.rpm").toString());
    assertEquals(1, r.rc());
    assertTrue(r.err().startsWith("error: ") && r.err().contains("nope.rpm"), r.err());
  }
}
