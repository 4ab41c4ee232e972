package dev.strata.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.sandbox.bwrap.BwrapSandbox;
import dev.strata.store.Checksum;
import dev.strata.store.ObjectType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real bubblewrap and real overlayfs over a hardlink checkout of a real repository. */
class BwrapSandboxTest {
  private static final Sandbox SANDBOX = new BwrapSandbox();

  @BeforeAll
  static void tools() {
    HostTools.require("bwrap");
    HostTools.require("unshare");
    HardlinkedBase.repo();
  }

  @AfterAll
  static void repositoryStillValid() {
    HardlinkedBase.fsck();
  }

  private static ProcessResult sh(Path root, CopyUpLayer layer, String script) throws Exception {
    return SANDBOX.run(SandboxSpec.builder().root(root).copyUp(layer)
        .argv("/bin/sh", "-c", script).timeout(Duration.ofSeconds(60)).build());
  }

  private static Object inode(Path p) throws Exception {
    return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void testAppendToSharedFile_repositoryObjectUnchanged() throws Exception {
    Path staging = HardlinkedBase.checkout("append");
    Path file = staging.resolve("etc/debian_version");
    String before = Files.readString(file);
    int hostnameMode = (Integer) Files.getAttribute(staging.resolve("etc/hostname"), "unix:mode");
    Object objectInode = inode(file);
    assertTrue((Integer) Files.getAttribute(file, "unix:nlink") >= 2, "checkout is hardlinked");
    try (CopyUpLayer layer = CopyUpLayer.create(staging, HardlinkedBase.scratch("append"))) {
      ProcessResult r = sh(staging, layer, "echo appended >> /etc/debian_version && "
          + "chmod 600 /etc/hostname && echo new > /usr/share/new-file");
      assertTrue(r.ok(), r.outputText());
      assertEquals(before, Files.readString(file), "nothing applied yet");
      List<String> changed = layer.applyTo(staging);
      assertTrue(changed.containsAll(List.of("etc/debian_version", "etc/hostname",
          "usr/share/new-file")), changed.toString());
    }
    assertEquals(before + "appended\n", Files.readString(file));
    assertNotEquals(objectInode, inode(file), "the changed file is a new inode");
    assertEquals(1, Files.getAttribute(file, "unix:nlink"));
    assertEquals("new\n", Files.readString(staging.resolve("usr/share/new-file")));
    assertEquals(0600, (Integer) Files.getAttribute(staging.resolve("etc/hostname"), "unix:mode")
        & 07777);
    Path fresh = HardlinkedBase.checkout("append-fresh");
    assertEquals(before, Files.readString(fresh.resolve("etc/debian_version")),
        "the repository object keeps its content");
    assertEquals(hostnameMode, Files.getAttribute(fresh.resolve("etc/hostname"), "unix:mode"),
        "the repository object keeps its mode");
    assertFalse(Files.exists(fresh.resolve("usr/share/new-file")));
  }

  @Test
  void testDeletesAndOpaqueDirectories_applied() throws Exception {
    Path staging = HardlinkedBase.checkout("delete");
    assertTrue(Files.exists(staging.resolve("usr/bin/wc")));
    assertTrue(Files.exists(staging.resolve("usr/share/bash-completion/completions/apt")));
    try (CopyUpLayer layer = CopyUpLayer.create(staging, HardlinkedBase.scratch("delete"))) {
      ProcessResult r = sh(staging, layer, "rm /usr/bin/wc && rm -rf /usr/share/bash-completion/completions && "
          + "mkdir /usr/share/bash-completion/completions && echo only > /usr/share/bash-completion/completions/only && "
          + "ln -s wc-gone /usr/bin/wc-link && mkdir -p /opt/new/dir && chown 0:42 /opt/new/dir");
      assertTrue(r.ok(), r.outputText());
      layer.applyTo(staging);
      assertTrue(layer.isEmpty());
    }
    assertFalse(Files.exists(staging.resolve("usr/bin/wc"), LinkOption.NOFOLLOW_LINKS));
    try (var s = Files.list(staging.resolve("usr/share/bash-completion/completions"))) {
      assertEquals(List.of("only"), s.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals("wc-gone", Files.readSymbolicLink(staging.resolve("usr/bin/wc-link")).toString());
    assertEquals(42, Files.getAttribute(staging.resolve("opt/new/dir"), "unix:gid"),
        "no user namespace: gid 42 stays 42");
    assertTrue(LinuxFsProbe.noOverlayXattrs(staging.resolve("usr/share/bash-completion/completions")));
    assertTrue(Files.exists(HardlinkedBase.checkout("delete-fresh").resolve("usr/bin/wc")));
  }

  @Test
  void testRepositoryObjects_notReachable() throws Exception {
    Path staging = HardlinkedBase.checkout("objects");
    Path objects = HardlinkedBase.repo().path().resolve("objects");
    Path anObject;
    try (var s = Files.walk(objects)) {
      anObject = s.filter(p -> p.toString().endsWith(".file") && Files.isRegularFile(p,
          LinkOption.NOFOLLOW_LINKS)).findFirst().orElseThrow();
    }
    byte[] before = Files.readAllBytes(anObject);
    try (CopyUpLayer layer = CopyUpLayer.create(staging, HardlinkedBase.scratch("objects"))) {
      ProcessResult r = sh(staging, layer, "echo evil >> " + anObject + "; echo x > "
          + objects + "/evil; ls " + objects + "; for f in /usr/bin/* /etc/*; do "
          + "[ -f \"$f\" ] && [ ! -L \"$f\" ] && echo evil >> \"$f\"; done; exit 0");
      assertTrue(r.ok(), r.outputText());
      assertTrue(r.outputText().contains("No such file or directory"), r.outputText());
      layer.discard();
    }
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(anObject)));
    assertFalse(Files.exists(objects.resolve("evil")));
    assertFalse(HardlinkedBase.repo().hasObject(Checksum.sha256("evil".getBytes()),
        ObjectType.FILE));
  }

  @Test
  void testNetwork_unreachable() throws Exception {
    Path staging = HardlinkedBase.checkout("net");
    try (CopyUpLayer layer = CopyUpLayer.create(staging, HardlinkedBase.scratch("net"))) {
      ProcessResult r = SANDBOX.run(SandboxSpec.builder().root(staging).copyUp(layer)
          .argv("/bin/bash", "-c", "exec 3<>/dev/tcp/192.0.2.1/80 && echo connected; "
              + "cat /proc/net/dev").timeout(Duration.ofSeconds(30)).build());
      assertFalse(r.outputText().contains("connected"), r.outputText());
      assertTrue(r.outputText().contains("Network is unreachable"), r.outputText());
      assertFalse(r.outputText().matches("(?s).*\\n\\s*(eth|ens|enp|wl)\\w*:.*"), r.outputText());
    }
  }

  @Test
  void testNamespacesAndEnvironment() throws Exception {
    Path staging = HardlinkedBase.checkout("ns");
    try (CopyUpLayer layer = CopyUpLayer.create(staging, HardlinkedBase.scratch("ns"))) {
      ProcessResult r = SANDBOX.run(SandboxSpec.builder().root(staging).copyUp(layer)
          .env("DEBIAN_FRONTEND", "noninteractive")
          .argv("/bin/sh", "-c", "for n in pid ipc uts net user mnt; do echo $n "
              + "$(readlink /proc/self/ns/$n); done; env | sort; cat /proc/self/uid_map; "
              + "cat - ; pwd").stdin("from stdin\n".getBytes(StandardCharsets.UTF_8))
          .cwd("/usr").build());
      assertTrue(r.ok(), r.outputText());
      String out = r.outputText();
      for (String ns : List.of("pid", "ipc", "uts", "net", "mnt")) {
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString();
        assertFalse(out.contains(ns + " " + host), ns + " namespace is new: " + out);
      }
      String hostUser = Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString();
      assertTrue(out.contains("user " + hostUser), "no user namespace: " + out);
      assertTrue(out.contains("         0          0 4294967295"), "full uid map: " + out);
      assertTrue(out.contains("\nLANG=C.UTF-8\n"), out);
      assertTrue(out.contains("\nPATH=/usr/sbin:/usr/bin:/sbin:/bin\n"), out);
      assertTrue(out.contains("DEBIAN_FRONTEND=noninteractive\n"), out);
      assertFalse(out.contains("HOME=") || out.contains("JAVA") || out.contains("MAVEN"), out);
      assertTrue(out.contains("from stdin\n/usr\n"), out);
      assertTrue(layer.isEmpty(), "running changed nothing in the tree");
    }
  }

  @Test
  void testFailureOutputAndTimeout() throws Exception {
    Path staging = HardlinkedBase.checkout("fail");
    try (CopyUpLayer layer = CopyUpLayer.create(staging, HardlinkedBase.scratch("fail"))) {
      ProcessResult r = sh(staging, layer, "echo one; echo two >&2; exit 3");
      assertEquals(3, r.exitCode());
      assertEquals(List.of("one", "two"), r.lastLines(5));
      ProcessResult slow = SANDBOX.run(SandboxSpec.builder().root(staging).copyUp(layer)
          .argv("/bin/sleep", "30").timeout(Duration.ofMillis(500)).build());
      assertTrue(slow.timedOut());
      assertFalse(slow.ok());
    }
  }

  @Test
  void testSetupFailure_isSandboxException() throws Exception {
    Path staging = HardlinkedBase.checkout("setup");
    SandboxException e = assertThrows(SandboxException.class, () -> SANDBOX.run(
        SandboxSpec.builder().root(staging).bind(staging.resolve("no/such"), "/x")
            .argv("/bin/true").build()));
    assertTrue(e.getMessage().contains("no/such"), e.getMessage());
    try (CopyUpLayer layer = CopyUpLayer.create(staging, HardlinkedBase.scratch("setup"))) {
      SandboxException e2 = assertThrows(SandboxException.class, () -> SANDBOX.run(
          SandboxSpec.builder().root(staging).copyUp(layer)
              .bindInRoot("no/such/dir", "/x", false).argv("/bin/true").build()));
      assertTrue(e2.getMessage().startsWith("could not set up the sandbox"), e2.getMessage());
    }
  }
}
