package dev.strata.layering.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import dev.strata.pkgdb.dpkg.DpkgPackage;
import dev.strata.sandbox.HardlinkedBase;
import dev.strata.sandbox.bwrap.BwrapSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real dpkg maintainer scripts and the real libc-bin ldconfig trigger, in real bubblewrap. */
class DebianScriptsTest {
  private static List<Path> debs;

  @BeforeAll
  static void setUp() {
    HostTools.require("bwrap");
    HostTools.require("dpkg-deb");
    debs = DebianArchive.download("libunwind8", "strace");
    HardlinkedBase.repo();
  }

  @AfterAll
  static void repositoryUntouched() {
    HardlinkedBase.fsck();
  }

  /** Moves the checkout into the ostree layout compose import makes (usr/etc, dpkg db in usr). */
  private static Path importedLayout(String name) throws Exception {
    Path t = HardlinkedBase.checkout(name);
    Files.move(t.resolve("etc"), t.resolve("usr/etc"));
    Files.move(t.resolve("var/lib/dpkg"), t.resolve(DebianPackages.IMPORTED_ADMIN_DIR));
    return t;
  }

  private static ScriptRunner runner(String name) {
    return new ScriptRunner(new BwrapSandbox(), HardlinkedBase.scratch(name))
        .timeout(Duration.ofMinutes(2));
  }

  private static String query(Path admin, String... args) {
    List<String> cmd = new ArrayList<>(List.of("dpkg-query", "--admindir=" + admin));
    cmd.addAll(List.of(args));
    return HostTools.run(cmd, null, Map.of(), Duration.ofMinutes(1)).ok().stdout();
  }

  @Test
  void testStraceOnImportedTree_ldconfigTriggerAndDatabase() throws Exception {
    Path tree = importedLayout("strace");
    Path cache = tree.resolve("usr/etc/ld.so.cache");
    byte[] cacheBefore = Files.readAllBytes(cache);
    assertFalse(new String(cacheBefore, StandardCharsets.ISO_8859_1).contains("libunwind.so.8"));
    List<DpkgPackage> pkgs = new ArrayList<>();
    for (Path deb : debs) {
      TestDebs.unpack(deb, tree);
      pkgs.add(DebianPackages.read(deb));
    }
    ScriptReport r = runner("strace").runDeb(tree, pkgs);
    System.err.println("runDeb libunwind8+strace: " + r.elapsed().toMillis() + " ms, changed " + r.changed());
    assertEquals(List.of("libc-bin postinst triggered ldconfig"), r.ran());
    assertTrue(r.changed().contains("usr/etc/ld.so.cache"), r.changed().toString());
    assertTrue(new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1)
        .contains("libunwind.so.8"), "ldconfig ran through the trigger");
    assertEquals(1, Files.getAttribute(cache, "unix:nlink"), "a new inode, not the object");
    Path admin = tree.resolve(DebianPackages.IMPORTED_ADMIN_DIR);
    assertEquals("install ok installed 1.6.2-3\ninstall ok installed 6.1-0.1\n",
        query(admin, "-W", "-f=${Status} ${Version}\\n", "strace", "libunwind8"));
    assertTrue(query(admin, "-L", "strace").contains("/usr/bin/strace\n"));
    assertEquals("", HostTools.run("dpkg", "--admindir=" + admin, "--audit").ok().stdout());
    assertTrue(Files.notExists(tree.resolve("var/lib/dpkg")), "no mount point left behind");
    assertTrue(Files.notExists(tree.resolve("usr/sbin/policy-rc.d")), "no skeleton left behind");
    assertTrue(HostTools.run("chroot", tree.toString(), "/usr/bin/strace", "-V").ok().stdout()
        .startsWith("strace -- version 6.1"));
    assertTrue(java.util.Arrays.equals(cacheBefore, Files.readAllBytes(
        HardlinkedBase.checkout("strace-fresh").resolve("etc/ld.so.cache"))),
        "the repository's ld.so.cache object is unchanged");
  }

  @Test
  void testSandboxRules_varReadOnlyStateDirsWritableNoNetwork(@TempDir Path tmp)
      throws Exception {
    Path tree = HardlinkedBase.checkout("rules");
    Path deb = TestDebs.builder("probe").file("/usr/share/probe/data", "data\n")
        .control("preinst", "echo \"preinst $*\" > /etc/probe.log\n")
        .control("postinst", """
            echo "postinst $* [$DPKG_MAINTSCRIPT_PACKAGE $DPKG_MAINTSCRIPT_NAME]" >> /etc/probe.log
            touch /var/lib/probe 2>/dev/null && echo var-writable >> /etc/probe.log || true
            touch /var/lib/dpkg/probe-state && echo dpkg-dir-writable >> /etc/probe.log
            touch /var/cache/debconf/probe && echo debconf-writable >> /etc/probe.log
            echo "status $(dpkg-query -W -f='${Status}' probe)" >> /etc/probe.log
            (exec 3<>/dev/tcp/192.0.2.1/80) 2>/dev/null && echo network >> /etc/probe.log || true
            echo "env $DEBIAN_FRONTEND $DEBCONF_NONINTERACTIVE_SEEN $SYSTEMD_OFFLINE $PATH" >> /etc/probe.log
            rc=0; policy-rc.d || rc=$?; echo "policy $rc" >> /etc/probe.log
            """.replace("(exec", "bash -c '(exec").replace("80) 2>", "80)' 2>"))
        .build(tmp);
    TestDebs.unpack(deb, tree);
    ScriptReport r = runner("rules").runDeb(tree, List.of(DebianPackages.read(deb)));
    assertEquals(List.of("probe preinst install", "probe postinst configure"), r.ran());
    assertEquals("""
        preinst install
        postinst configure  [probe postinst]
        dpkg-dir-writable
        debconf-writable
        status install ok unpacked
        env noninteractive true 1 /usr/sbin:/usr/bin:/sbin:/bin
        policy 101
        """, Files.readString(tree.resolve("etc/probe.log")));
    assertTrue(Files.exists(tree.resolve("var/lib/dpkg/probe-state")));
    assertFalse(Files.exists(tree.resolve("var/lib/probe")));
    assertEquals("install ok installed", query(tree.resolve("var/lib/dpkg"), "-W",
        "-f=${Status}", "probe"));
  }

  @Test
  void testFailingPostinst_errorWithOutputAndTreeUnchanged(@TempDir Path tmp) throws Exception {
    Path tree = HardlinkedBase.checkout("failing");
    Path deb = TestDebs.builder("failing").file("/usr/share/failing/f", "f\n")
        .control("preinst", "echo written > /etc/written-by-preinst\n")
        .control("postinst", "echo about to fail\necho 'really failing' >&2\nexit 3\n")
        .build(tmp);
    TestDebs.unpack(deb, tree);
    String before = snapshot(tree);
    ScriptException e = assertThrows(ScriptException.class,
        () -> runner("failing").runDeb(tree, List.of(DebianPackages.read(deb))));
    assertEquals("postinst of failing 1.0-1 failed with exit status 3 (output: about to fail | "
        + "really failing); fix or remove the package, then retry (the tree was left unchanged)",
        e.getMessage());
    assertEquals("failing", e.packageName());
    assertEquals(before, snapshot(tree));
    assertFalse(Files.exists(tree.resolve("etc/written-by-preinst")));
    try (Stream<Path> s = Files.list(HardlinkedBase.scratch("failing"))) {
      assertEquals(0, s.count(), "scratch cleaned up");
    }
  }

  @Test
  void testFileTriggerAndDpkgTriggerCall_interestedPostinstRunsOnce(@TempDir Path tmp)
      throws Exception {
    Path tree = importedLayout("triggers");
    Path watcher = TestDebs.builder("watcher")
        .control("triggers", "interest-noawait /usr/share/watched\ninterest-noawait watch-explicit\n")
        .control("postinst", "echo \"$*\" >> /etc/watcher.log\n").build(tmp);
    Path shipper = TestDebs.builder("shipper").file("/usr/share/watched/x", "x\n")
        .control("postinst", "dpkg-trigger --no-await watch-explicit\n").build(tmp);
    TestDebs.unpack(watcher, tree);
    TestDebs.unpack(shipper, tree);
    ScriptReport r = runner("triggers").runDeb(tree, List.of(DebianPackages.read(watcher),
        DebianPackages.read(shipper)));
    assertEquals(List.of("watcher postinst configure", "shipper postinst configure",
        "watcher postinst triggered /usr/share/watched watch-explicit"), r.ran());
    assertEquals("configure \ntriggered /usr/share/watched watch-explicit\n",
        Files.readString(tree.resolve("usr/etc/watcher.log")));
    Path admin = tree.resolve(DebianPackages.IMPORTED_ADMIN_DIR);
    assertTrue(Files.readString(admin.resolve("triggers/File"))
        .contains("/usr/share/watched watcher/noawait\n"));
    assertEquals("watcher/noawait\n", Files.readString(admin.resolve("triggers/watch-explicit")));
    assertEquals("", Files.readString(admin.resolve("triggers/Unincorp")).strip());
    assertEquals("", HostTools.run("dpkg", "--admindir=" + admin, "--audit").ok().stdout());
  }

  @Test
  void testScriptThatWrecksTheTree_caughtAndTreeUnchanged(@TempDir Path tmp) throws Exception {
    Path tree = HardlinkedBase.checkout("wreck");
    Path deb = TestDebs.builder("wrecker").file("/usr/share/wrecker/f", "f\n")
        .control("postinst", "rm -f /usr/lib/x86_64-linux-gnu/libc.so.6\n").build(tmp);
    TestDebs.unpack(deb, tree);
    ScriptException e = assertThrows(ScriptException.class,
        () -> runner("wreck").runDeb(tree, List.of(DebianPackages.read(deb))));
    assertEquals("the scripts left a tree in which /bin/true fails (exit status 127); fix or "
        + "remove the package whose script broke it, then retry", e.getMessage());
    assertTrue(Files.exists(tree.resolve("usr/lib/x86_64-linux-gnu/libc.so.6")));
    assertEquals("", HostTools.run("dpkg", "--root=" + tree, "--audit").ok().stdout());
  }

  /** Paths, sizes and inodes of etc and the dpkg database. */
  private static String snapshot(Path tree) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String d : List.of("etc", "var/lib/dpkg", "usr/sbin")) {
      try (Stream<Path> s = Files.walk(tree.resolve(d))) {
        for (Path p : (Iterable<Path>) s.sorted()::iterator) {
          sb.append(tree.relativize(p)).append(' ')
              .append(Files.getAttribute(p, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .append(' ').append(Files.size(p)).append('\n');
        }
      }
    }
    return sb.toString();
  }
}
