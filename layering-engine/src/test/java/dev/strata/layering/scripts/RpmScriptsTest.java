package dev.strata.layering.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.pkg.PackageArchive;
import dev.strata.pkg.PackageHeader;
import dev.strata.sandbox.HardlinkedBase;
import dev.strata.sandbox.bwrap.BwrapSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RPM scriptlets built with the real rpmbuild, run in real bubblewrap over a copy-up layer. */
class RpmScriptsTest {
  private static final String SPEC = """
      %define __os_install_post %{nil}
      %define _build_id_links none
      Name: NAME
      Version: 1.0
      Release: 1
      Summary: scriptlet test
      License: MIT
      BuildArch: noarch
      %description
      scriptlet test
      %install
      mkdir -p %{buildroot}/usr/share/NAME
      echo data > %{buildroot}/usr/share/NAME/data
      %files
      /usr/share/NAME
      SCRIPTS
      """;

  @BeforeAll
  static void tools() {
    HostTools.require("rpmbuild");
    HostTools.require("bwrap");
    HardlinkedBase.repo();
  }

  @AfterAll
  static void repositoryUntouched() {
    HardlinkedBase.fsck();
  }

  private static PackageHeader rpm(Path tmp, String name, String scripts) throws Exception {
    Path top = Files.createDirectories(tmp.resolve(name));
    Path spec = top.resolve(name + ".spec");
    Files.writeString(spec, SPEC.replace("NAME", name).replace("SCRIPTS", scripts));
    HostTools.run("rpmbuild", "-bb", "--define", "_topdir " + top, "--dbpath",
        top.resolve("db").toString(), spec.toString()).ok();
    try (PackageArchive a = PackageArchive.open(top.resolve("RPMS/noarch/" + name
        + "-1.0-1.noarch.rpm"))) {
      return a.header();
    }
  }

  private static ScriptRunner runner(String name) {
    return new ScriptRunner(new BwrapSandbox(), HardlinkedBase.scratch(name))
        .timeout(Duration.ofMinutes(2));
  }

  @Test
  void testPostAppendsUnderUsrAndWritesEtc_objectUnchanged(@TempDir Path tmp) throws Exception {
    PackageHeader first = rpm(tmp, "first", """
        %pre
        echo "pre $1" > /var/lib/rpm-state/first
        echo "first pre $1" >> /etc/order
        %post -p /bin/bash
        echo "first post $1 $BASH_VERSION" >> /etc/order
        echo "appended by first" >> /usr/lib/os-release
        echo "written by first" > /etc/from-post
        %posttrans
        echo "first posttrans $1 $(cat /var/lib/rpm-state/first)" >> /etc/order
        touch /var/lib/not-allowed 2>/dev/null && echo var-writable >> /etc/order || true
        """);
    PackageHeader second = rpm(tmp, "second", """
        %pre
        echo "second pre $1" >> /etc/order
        %post
        echo "second post $1" >> /etc/order
        """);
    Path tree = HardlinkedBase.checkout("rpm");
    Path osRelease = tree.resolve("usr/lib/os-release");
    String before = Files.readString(osRelease);
    ScriptReport r = runner("rpm").runRpm(tree, List.of(first, second));
    assertEquals(List.of("first %pre", "second %pre", "first %post", "second %post",
        "first %posttrans"), r.ran());
    String order = Files.readString(tree.resolve("etc/order"));
    assertTrue(order.startsWith("first pre 1\nsecond pre 1\nfirst post 1 5."), order);
    assertTrue(order.endsWith("\nsecond post 1\nfirst posttrans 1 pre 1\n"), order);
    assertEquals(before + "appended by first\n", Files.readString(osRelease));
    assertEquals(1, Files.getAttribute(osRelease, "unix:nlink"));
    assertEquals("written by first\n", Files.readString(tree.resolve("etc/from-post")));
    assertFalse(Files.exists(tree.resolve("var/lib/rpm-state")), "rpm-state is scratch");
    assertEquals(before, Files.readString(HardlinkedBase.checkout("rpm-fresh")
        .resolve("usr/lib/os-release")), "the repository object is unchanged");
  }

  @Test
  void testLuaScriptlet_clearError(@TempDir Path tmp) throws Exception {
    PackageHeader lua = rpm(tmp, "luapkg", """
        %post -p <lua>
        print("hello")
        """);
    PackageHeader emptyLua = rpm(tmp, "emptylua", """
        %post -p <lua>
        -- nothing to do
        """);
    Path tree = HardlinkedBase.checkout("lua");
    assertTrue(runner("lua-empty").runRpm(tree, List.of(emptyLua)).ran().isEmpty());
    ScriptException e = assertThrows(ScriptException.class,
        () -> runner("lua").runRpm(tree, List.of(lua)));
    assertEquals("%post of luapkg-1.0-1.noarch is a lua scriptlet, which Strata cannot run; ask "
        + "the packager for a shell scriptlet or layer another package", e.getMessage());
  }

  @Test
  void testFailingPost_treeUnchanged(@TempDir Path tmp) throws Exception {
    PackageHeader bad = rpm(tmp, "badpost", """
        %pre
        echo "pre was here" > /etc/pre-was-here
        %post
        echo "cannot continue" >&2
        exit 7
        """);
    Path tree = HardlinkedBase.checkout("badpost");
    ScriptException e = assertThrows(ScriptException.class,
        () -> runner("badpost").runRpm(tree, List.of(bad)));
    assertEquals("%post of badpost-1.0-1.noarch failed with exit status 7 (output: cannot "
        + "continue); fix or remove the package, then retry (the tree was left unchanged)",
        e.getMessage());
    assertFalse(Files.exists(tree.resolve("etc/pre-was-here")));
  }
}
