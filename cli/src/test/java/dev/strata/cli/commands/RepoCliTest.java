package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.strata.fixtures.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repo verbs end to end, in-process, with ostree as the oracle. */
class RepoCliTest {
  @TempDir Path tmp;

  private String repo() {
    return "--repo=" + tmp.resolve("repo");
  }

  @Test
  void testCommit_printsChecksumSameAsOstree() throws Exception {
    Path src = CliRunner.tree(tmp.resolve("src"), "a");
    CliRunner.ok("repo", "init", repo(), "--mode=archive");
    assertTrue(Files.readString(tmp.resolve("repo/config")).contains("mode=archive-z2"));
    String ours = CliRunner.ok("repo", "commit", repo(), "-b", "main", "-s", "subj", "--body", "body text",
        "--timestamp=1704067200", "--no-bindings", src.toString()).out().trim();
    HostTools.run("ostree", "init", "--repo=" + tmp.resolve("o"), "--mode=archive").ok();
    String theirs = HostTools.run("ostree", "commit", "--repo=" + tmp.resolve("o"), "-b", "main", "-s", "subj",
        "--body", "body text", "--timestamp=@1704067200", "--no-bindings", "--tree=dir=" + src).ok().stdout().trim();
    assertEquals(theirs, ours);
    HostTools.run("ostree", "fsck", "--repo=" + tmp.resolve("repo")).ok();
  }

  @Test
  void testQueryVerbs_textAndJson() throws Exception {
    Path src = CliRunner.tree(tmp.resolve("src"), "a");
    CliRunner.ok("repo", "init", repo(), "--mode=bare-user");
    String c1 = CliRunner.ok("repo", "commit", repo(), "-b", "os/main", "-s", "first",
        "--add-metadata-string", "version=1.0", src.toString()).out().trim();
    Files.writeString(src.resolve("new"), "new\n");
    String c2 = CliRunner.ok("repo", "commit", repo(), "-b", "os/main", "-s", "second", src.toString()).out().trim();

    assertEquals(c1, CliRunner.ok("repo", "rev-parse", repo(), "os/main^").out().trim());
    JsonArray log = JsonParser.parseString(CliRunner.ok("repo", "log", repo(), "--json", "os/main").out()).getAsJsonArray();
    assertEquals(2, log.size());
    assertEquals(c2, log.get(0).getAsJsonObject().get("checksum").getAsString());
    assertEquals(c1, log.get(0).getAsJsonObject().get("parent").getAsString());
    assertTrue(CliRunner.ok("repo", "log", repo(), "os/main").out().contains("    first"));

    JsonObject show = JsonParser.parseString(CliRunner.ok("repo", "show", repo(), "--json", c1).out()).getAsJsonObject();
    assertEquals("1.0", show.getAsJsonObject("metadata").get("version").getAsString());

    String ls = CliRunner.ok("repo", "ls", repo(), "-R", "os/main").out();
    String ostreeLs = HostTools.run("ostree", "ls", "--repo=" + tmp.resolve("repo"), "-R", "os/main").ok().stdout();
    assertEquals(ostreeLs, ls);
    JsonArray lsJson = JsonParser.parseString(CliRunner.ok("repo", "ls", repo(), "--json", "os/main", "/usr/bin")
        .out()).getAsJsonArray();
    assertEquals("4755", lsJson.get(1).getAsJsonObject().get("mode").getAsString());

    CliRunner.ok("repo", "refs", repo(), "--create=os/copy", "os/main");
    JsonArray refs = JsonParser.parseString(CliRunner.ok("repo", "refs", repo(), "--json").out()).getAsJsonArray();
    assertEquals(2, refs.size());
    CliRunner.ok("repo", "refs", repo(), "--delete", "os/copy");
    assertEquals("os/main\n", CliRunner.ok("repo", "refs", repo()).out());

    JsonObject fsck = JsonParser.parseString(CliRunner.ok("repo", "fsck", repo(), "--json").out()).getAsJsonObject();
    assertTrue(fsck.get("ok").getAsBoolean());
    CliRunner.ok("repo", "summary", repo(), "-u");
    CliRunner.ok("repo", "prune", repo(), "--refs-only");
    HostTools.run("ostree", "fsck", "--repo=" + tmp.resolve("repo")).ok();
  }

  @Test
  void testCatAndCheckout_subpathAndForceCopy() throws Exception {
    Path src = CliRunner.tree(tmp.resolve("src"), "a");
    CliRunner.ok("repo", "init", repo(), "--mode=bare");
    CliRunner.ok("repo", "commit", repo(), "-b", "main", src.toString());
    assertEquals("#!/bin/sh\necho a\n", captureCat());
    CliRunner.ok("repo", "checkout", repo(), "--subpath=/usr", "main", tmp.resolve("co").toString());
    assertEquals(2, (Integer) Files.getAttribute(tmp.resolve("co/bin/tool"), "unix:nlink"));
    CliRunner.ok("repo", "checkout", repo(), "--force-copy", "main", tmp.resolve("co2").toString());
    assertEquals(1, (Integer) Files.getAttribute(tmp.resolve("co2/usr/bin/tool"), "unix:nlink"));
    assertEquals(04755, (Integer) Files.getAttribute(tmp.resolve("co2/usr/bin/tool"), "unix:mode") & 07777);
  }

  private String captureCat() {
    HostTools.Result r = CliRunner.child(java.util.Map.of(), "repo", "cat", repo(), "main", "/usr/bin/tool");
    r.ok();
    return r.stdout();
  }

  @Test
  void testErrors_oneLineWithRemedy() throws Exception {
    Path src = CliRunner.tree(tmp.resolve("src"), "a");
    CliRunner.Run r = CliRunner.inProcess("repo", "commit", repo(), "-b", "main", src.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("error: no repository at ") && r.err().contains("; create one"), r.err());
    assertEquals(1, r.err().strip().lines().count());

    CliRunner.ok("repo", "init", repo(), "--mode=bare-user");
    HostTools.run("mkfifo", src.resolve("usr/pipe").toString()).ok();
    r = CliRunner.inProcess("repo", "commit", repo(), "-b", "main", src.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains(src.resolve("usr/pipe").toString()) && r.err().contains("--skip-special-files"), r.err());
    assertEquals("", CliRunner.ok("repo", "refs", repo()).out());

    r = CliRunner.ok("repo", "commit", repo(), "-b", "main", "--skip-special-files", src.toString());
    assertTrue(r.err().contains("skipped 1 special files"), r.err());

    r = CliRunner.inProcess("repo", "log", repo(), "nope");
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("error: revision 'nope' not found"), r.err());
  }

  @Test
  void testFsck_exitsNonZeroNamingCorruptObjects() throws Exception {
    Path src = CliRunner.tree(tmp.resolve("src"), "a");
    CliRunner.ok("repo", "init", repo(), "--mode=archive");
    CliRunner.ok("repo", "commit", repo(), "-b", "main", src.toString());
    String line = CliRunner.ok("repo", "ls", repo(), "-C", "main", "/-odd name ü").out();
    String csum = line.split(" +")[4];
    Path obj = tmp.resolve("repo/objects").resolve(csum.substring(0, 2)).resolve(csum.substring(2) + ".filez");
    byte[] b = Files.readAllBytes(obj);
    b[b.length - 2] ^= 0x40;
    Files.write(obj, b);
    CliRunner.Run r = CliRunner.inProcess("repo", "fsck", repo());
    assertEquals(1, r.status());
    assertTrue(r.out().contains(csum + ".file"), r.out());
    assertTrue(r.err().contains("error: fsck found 1 corrupt or missing objects"), r.err());
  }
}
