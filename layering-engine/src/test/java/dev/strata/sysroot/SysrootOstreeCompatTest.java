package dev.strata.sysroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strata's sysroot read and written by the real ostree admin 2022.7, and the other way round. */
class SysrootOstreeCompatTest {
  @TempDir Path tmp;

  @org.junit.jupiter.api.AfterEach
  void unlock() throws IOException {
    TestSysroot.unlockDeployments(tmp);
  }

  @Test
  void testDeploy_ostreeStatusListsSameOrderAndChecksums() throws IOException {
    TestSysroot s = TestSysroot.create(tmp.resolve("sys"));
    String c1 = s.commit(tmp, "1");
    Sysroot sr = s.open();
    sr.deploy(TestSysroot.OS, "testos/stable", null, Kargs.parse("root=LABEL=root rw"));
    String c2 = s.commit(tmp, "2");
    sr.deploy(TestSysroot.OS, "testos/stable", null, null);

    List<TestSysroot.Listed> listed = s.ostreeStatus();
    assertEquals(List.of(c2 + ".0", c1 + ".0"), listed.stream().map(TestSysroot.Listed::name).toList());
    assertEquals(s.strataNames(), listed.stream().map(TestSysroot.Listed::name).toList());

    sr.rollback();
    assertEquals(List.of(c1 + ".0", c2 + ".0"), s.ostreeStatus().stream().map(TestSysroot.Listed::name).toList());
    assertEquals(List.of(c1 + ".0", c2 + ".0"), s.strataNames());
    SysrootState st = sr.load();
    assertEquals(1, st.bootversion(), "the rollback was a full bootversion swap");
    assertEquals(Map.of("ostree/1/1/0", c1, "ostree/1/1/1", c2), s.repo.refs("ostree/"));
  }

  @Test
  void testOstreeDeploy_onStrataSysroot_strataReadsIt() throws IOException {
    TestSysroot s = TestSysroot.create(tmp.resolve("sys"));
    String c1 = s.commit(tmp, "1");
    s.open().deploy(TestSysroot.OS, c1, null, Kargs.parse("root=LABEL=root rw"));
    String c2 = s.commit(tmp, "2");
    HostTools.run("ostree", "admin", "deploy", "--sysroot=" + s.root, "--os=testos", "testos/stable").ok();

    List<Deployment> ds = s.open().deployments();
    assertEquals(List.of(c2 + ".0", c1 + ".0"), ds.stream().map(Deployment::name).toList());
    assertEquals("testos/stable", ds.get(0).origin().refspec());
    assertEquals("root=LABEL=root rw", ds.get(0).kargs().without("ostree").toString());
    // and Strata can take over again
    String c3 = s.commit(tmp, "3");
    s.open().deploy(TestSysroot.OS, "testos/stable", null, null);
    assertEquals(List.of(c3 + ".0", c2 + ".0"), s.ostreeStatus().stream().map(TestSysroot.Listed::name).toList());
  }

  @Test
  void testBootEntries_sameKeysAndValuesAsOstree() throws IOException {
    TestSysroot theirs = TestSysroot.createWithOstree(tmp.resolve("ostree-sys"));
    TestSysroot ours = TestSysroot.create(tmp.resolve("strata-sys"));
    Path tree1 = TestSysroot.tree(tmp.resolve("t1"), "1");
    Path tree2 = TestSysroot.tree(tmp.resolve("t2"), "2");
    String a1 = theirs.repo.commit("testos/stable", tree1, "1");
    String b1 = ours.repo.commit("testos/stable", tree1, "1");
    assertEquals(a1, b1, "same tree and timestamp give the same commit");
    HostTools.run("ostree", "admin", "deploy", "--sysroot=" + theirs.root, "--os=testos",
        "--karg=root=LABEL=root", "--karg=rw", "testos/stable").ok();
    ours.open().deploy("testos", "testos/stable", null, Kargs.parse("root=LABEL=root rw"));
    assertEquals(entries(theirs), entries(ours));

    theirs.repo.commit("testos/stable", tree2, "2");
    ours.repo.commit("testos/stable", tree2, "2");
    HostTools.run("ostree", "admin", "deploy", "--sysroot=" + theirs.root, "--os=testos",
        "--karg-append=quiet", "testos/stable").ok();
    Sysroot sr = ours.open();
    Deployment merge = sr.load().mergeDeployment("testos");
    sr.deploy("testos", "testos/stable", null, merge.kargs().append("quiet"));
    assertEquals(entries(theirs), entries(ours));
    assertEquals(
        Files.readString(theirs.root.resolve("ostree/deploy/testos/deploy/" + a1 + ".0.origin")),
        Files.readString(ours.root.resolve("ostree/deploy/testos/deploy/" + a1 + ".0.origin")));
    assertEquals(links(theirs.root), links(ours.root));

    // a second stateroot: titles name the stateroot, as ostree's do
    HostTools.run("ostree", "admin", "os-init", "--sysroot=" + theirs.root, "otheros").ok();
    HostTools.run("ostree", "admin", "deploy", "--sysroot=" + theirs.root, "--os=otheros", "testos/stable").ok();
    sr.osInit("otheros");
    sr.deploy("otheros", "testos/stable", null, null);
    assertEquals(entries(theirs), entries(ours));
    assertTrue(entries(ours).containsValue("Test OS 1 2 (ostree:otheros:0)"), entries(ours).toString());
  }

  private static Map<String, String> entries(TestSysroot s) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> st = Files.list(s.entries())) {
      for (Path p : st.toList()) {
        BootEntry e = BootEntry.parse(Files.readString(p));
        e.lines().forEach(kv -> m.put(p.getFileName() + ":" + kv.getKey(), kv.getValue()));
      }
    }
    return m;
  }

  /** Symlinks and directories under boot/ and ostree/boot.* (names and targets). */
  private static Map<String, String> links(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    for (String top : List.of("boot", "ostree")) {
      try (Stream<Path> st = Files.walk(root.resolve(top))) {
        for (Path p : st.toList()) {
          String rel = root.relativize(p).toString();
          if (rel.startsWith("ostree/repo") || rel.startsWith("ostree/deploy/testos/deploy/")
              || rel.equals("ostree/lock")) {
            continue;
          }
          m.put(rel, Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : "");
        }
      }
    }
    return m;
  }

  @Test
  void testEtcMerge_keepsLocalChangeAdditionAndRemoval() throws IOException {
    TestSysroot s = TestSysroot.create(tmp.resolve("sys"));
    s.commit(tmp, "1");
    Sysroot sr = s.open();
    Deployment d1 = sr.deploy(TestSysroot.OS, "testos/stable", null, Kargs.parse("rw"));
    Path etc1 = sr.deploymentDirectory(d1).resolve("etc");
    Files.writeString(etc1.resolve("hostname"), "mine\n");
    Files.delete(etc1.resolve("b.conf"));
    Files.createDirectories(etc1.resolve("local.d"));
    Files.writeString(etc1.resolve("local.d/local.conf"), "x=1\n");
    Files.setPosixFilePermissions(etc1.resolve("local.d/local.conf"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    HostTools.run("setfattr", "-n", "user.strata", "-v", "kept", etc1.resolve("local.d/local.conf").toString()).ok();

    s.commit(tmp, "2");
    Deployment d2 = sr.deploy(TestSysroot.OS, "testos/stable", null, null);
    Path etc2 = sr.deploymentDirectory(d2).resolve("etc");
    assertEquals("mine\n", Files.readString(etc2.resolve("hostname")));
    assertFalse(Files.exists(etc2.resolve("b.conf")));
    assertEquals("x=1\n", Files.readString(etc2.resolve("local.d/local.conf")));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(etc2.resolve("local.d/local.conf"))));
    assertEquals("kept", HostTools.run("getfattr", "--only-values", "-n", "user.strata",
        etc2.resolve("local.d/local.conf").toString()).ok().stdout());
    assertEquals("a=2\n", Files.readString(etc2.resolve("a.conf")), "untouched files follow the new default");
    assertTrue(s.log.contains("Copying /etc changes: 1 modified, 1 removed, 1 added"), s.log.toString());
    assertEquals(1, Files.getAttribute(etc2.resolve("a.conf"), "unix:nlink"), "etc holds copies, not hardlinks");
  }

  @Test
  void testDeploy_treeWithoutKernel_failsAndLeavesNothing() throws IOException {
    TestSysroot s = TestSysroot.create(tmp.resolve("sys"));
    Path t = TestSysroot.tree(tmp.resolve("t"), "1");
    DebianTreeHelper.deleteKernel(t);
    s.repo.commit("testos/stable", t, "1");
    IOException e = assertThrows(IOException.class,
        () -> s.open().deploy(TestSysroot.OS, "testos/stable", null, null));
    assertTrue(e.getMessage().startsWith("Failed to find kernel"), e.getMessage());
    try (Stream<Path> st = Files.list(s.root.resolve("ostree/deploy/testos/deploy"))) {
      assertEquals(0, st.count());
    }
    assertTrue(s.ostreeStatus().isEmpty());
  }

  @Test
  void testPinnedDeployment_survivesTwoDeploys_andOstreeSeesThePin() throws IOException {
    TestSysroot s = TestSysroot.create(tmp.resolve("sys"));
    String c1 = s.commit(tmp, "1");
    Sysroot sr = s.open();
    sr.deploy(TestSysroot.OS, "testos/stable", null, Kargs.parse("rw"));
    sr.pin(0, true);
    s.commit(tmp, "2");
    sr.deploy(TestSysroot.OS, "testos/stable", null, null);
    String c3 = s.commit(tmp, "3");
    sr.deploy(TestSysroot.OS, "testos/stable", null, null);
    List<String> names = s.ostreeStatus().stream().map(TestSysroot.Listed::name).toList();
    assertEquals(3, names.size(), names.toString());
    assertEquals(c3 + ".0", names.get(0));
    assertTrue(names.contains(c1 + ".0"));
    assertTrue(HostTools.run("ostree", "admin", "status", "--sysroot=" + s.root).ok().stdout().contains("Pinned: yes"));
  }
}
