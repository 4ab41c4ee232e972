package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host verbs (status, rollback, kargs, cleanup) and admin plumbing, checked with the real ostree. */
class SysrootCommandsTest {
  @TempDir Path tmp;

  @AfterEach
  void unlock() throws IOException {
    SysrootFixture.unlock(tmp);
  }

  @Test
  void testRollback_ostreeShowsSwappedOrder() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    String c1 = f.commit("1");
    f.strata("admin", "deploy", "--os=testos", "--karg=root=LABEL=root", "testos/stable").ok();
    String c2 = f.commit("2");
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();
    assertEquals(List.of(c2 + ".0", c1 + ".0"), f.ostreeStatus());

    f.strata("rollback").ok();
    assertEquals(List.of(c1 + ".0", c2 + ".0"), f.ostreeStatus());
    String status = f.strata("status").ok().out();
    assertTrue(status.indexOf("Version: 1") < status.indexOf("Version: 2"), status);
  }

  @Test
  void testStatusJson_rpmOstreeFieldNames_andBootedMark() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    String c1 = f.commit("1");
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();
    f.strata("admin", "pin", "0").ok();
    String c2 = f.commit("2");
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();

    JsonObject top = JsonParser.parseString(f.strata("status", "--json").ok().out()).getAsJsonObject();
    JsonArray ds = top.getAsJsonArray("deployments");
    assertEquals(2, ds.size());
    JsonObject d0 = ds.get(0).getAsJsonObject();
    assertEquals("testos-" + c2 + ".0", d0.get("id").getAsString());
    assertEquals("testos", d0.get("osname").getAsString());
    assertEquals(0, d0.get("serial").getAsInt());
    assertEquals(c2, d0.get("checksum").getAsString());
    assertEquals("2", d0.get("version").getAsString());
    assertTrue(d0.get("timestamp").getAsLong() > 0);
    assertEquals("testos/stable", d0.get("origin").getAsString());
    assertEquals(false, d0.get("booted").getAsBoolean());
    assertEquals(false, d0.get("staged").getAsBoolean());
    assertEquals(false, d0.get("pinned").getAsBoolean());
    assertEquals(true, ds.get(1).getAsJsonObject().get("pinned").getAsBoolean());

    SysrootFixture.Run booted = f.child(Map.of("STRATA_BOOTED_DEPLOYMENT", c1 + ".0"), "status");
    booted.ok();
    String[] lines = booted.out().split("\n");
    assertEquals("  testos/stable (pending)", lines[2]);
    assertEquals("● testos/stable", lines[5]);
    assertTrue(booted.out().contains("Pinned: yes"), booted.out());
  }

  @Test
  void testKargs_appendStagesNewDefault_printShowsArguments() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    String c1 = f.commit("1");
    f.strata("admin", "deploy", "--os=testos", "--karg=root=LABEL=root", "--karg=console=tty0", "--karg=rw", "testos/stable").ok();
    assertTrue(f.strata("kargs").ok().out().startsWith("root=LABEL=root console=tty0 rw ostree=/ostree/boot.1/testos/"));

    f.strata("kargs", "--append=quiet", "--replace=console=ttyS0", "--delete=rw").ok();
    assertEquals(List.of(c1 + ".1", c1 + ".0"), f.ostreeStatus());
    String now = f.strata("kargs").ok().out();
    assertTrue(now.startsWith("root=LABEL=root console=ttyS0 ostree=/ostree/boot.0/testos/"), now);
    assertTrue(now.strip().endsWith(" quiet"), now);
  }

  @Test
  void testCleanupRollback_removesRollbackDeployment() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    f.commit("1");
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();
    String c2 = f.commit("2");
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();
    f.strata("cleanup", "-r").ok();
    assertEquals(List.of(c2 + ".0"), f.ostreeStatus());
    assertEquals(List.of(c2 + ".0"), f.deployDirs());
  }

  @Test
  void testSecondMutation_waitsThenFailsClearly() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    f.commit("1");
    try (FileChannel ch = FileChannel.open(f.root.resolve("ostree/lock"), StandardOpenOption.WRITE);
        FileLock l = ch.lock()) {
      long t0 = System.nanoTime();
      SysrootFixture.Run r = f.child(Map.of("STRATA_LOCK_TIMEOUT", "2"), "admin", "deploy", "--os=testos", "testos/stable");
      assertEquals(1, r.status(), r.err());
      assertTrue(r.err().contains("Waiting for the sysroot lock"), r.err());
      assertTrue(r.err().contains("error: sysroot " + f.root + " is locked by another operation"), r.err());
      assertTrue(System.nanoTime() - t0 > 2_000_000_000L, "it waited");
      AssertionError blocked = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
          () -> dev.strata.fixtures.HostTools.run(List.of("ostree", "admin", "cleanup", "--sysroot=" + f.root),
              null, Map.of(), java.time.Duration.ofSeconds(3)));
      assertTrue(blocked.getMessage().contains("timed out"), "the real ostree waits for the same lock");
    }
    assertEquals(List.of(), f.deployDirs());
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();
  }

  @Test
  void testDeployUnknownRef_oneLineError() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    SysrootFixture.Run r = f.strata("admin", "deploy", "--os=testos", "no/such");
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("error: ") && r.err().strip().split("\n").length == 1, r.err());
  }

  @Test
  void testComposeImport_treeWithoutKernel_importsButDeployFailsClearly() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    Path tree = tmp.resolve("plain");
    java.nio.file.Files.createDirectories(tree.resolve("etc"));
    java.nio.file.Files.writeString(tree.resolve("etc/hostname"), "plain\n");
    java.nio.file.Files.createDirectories(tree.resolve("usr/bin"));
    java.nio.file.Files.writeString(tree.resolve("usr/bin/true"), "#!/bin/sh\n");
    SysrootFixture.Run imp = f.inProcess("compose", "import", "--repo=" + f.root.resolve("ostree/repo"),
        "-b", "plain/base", tree.toString()).ok();
    assertTrue(imp.out().strip().matches("[0-9a-f]{64}"), imp.out());
    assertTrue(imp.err().contains("no kernel"), imp.err());

    SysrootFixture.Run dep = f.strata("admin", "deploy", "--os=testos", "plain/base");
    assertEquals(1, dep.status());
    assertTrue(dep.err().startsWith("error: Failed to find kernel in /usr/lib/modules"), dep.err());
    assertEquals(1, dep.err().strip().lines().count(), dep.err());
    assertEquals(List.of(), f.deployDirs());
    assertEquals(List.of(), f.ostreeStatus());
  }

  @Test
  void testDeployWithOriginFile_thenUndeploy_ostreeAgrees() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    String c1 = f.commit("1");
    Path origin = tmp.resolve("custom.origin");
    java.nio.file.Files.writeString(origin, "[origin]\nrefspec=testos/stable\ncustom=yes\n");
    f.strata("admin", "deploy", "--os=testos", "--origin-file=" + origin, "testos/stable").ok();
    assertEquals("[origin]\nrefspec=testos/stable\ncustom=yes\n", java.nio.file.Files.readString(
        f.root.resolve("ostree/deploy/testos/deploy/" + c1 + ".0.origin")));
    String c2 = f.commit("2");
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();
    assertEquals(List.of(c2 + ".0", c1 + ".0"), f.ostreeStatus());

    f.strata("admin", "undeploy", "1").ok();
    assertEquals(List.of(c2 + ".0"), f.ostreeStatus());
    assertEquals(List.of(c2 + ".0"), f.deployDirs());
    SysrootFixture.Run bad = f.strata("admin", "undeploy", "5");
    assertEquals(1, bad.status());
    assertTrue(bad.err().startsWith("error: no deployment at index 5"), bad.err());
  }
}
