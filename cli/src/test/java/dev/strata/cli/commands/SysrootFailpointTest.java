package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI killed at each step of deploy, rollback, kargs and cleanup: the sysroot afterwards boots
 * either the old or the new list of deployments, never a mix, and the real ostree still reads it.
 */
class SysrootFailpointTest {
  @TempDir Path tmp;

  @AfterEach
  void unlock() throws IOException {
    SysrootFixture.unlock(tmp);
  }

  static Stream<Arguments> points() {
    List<Arguments> l = new ArrayList<>();
    for (String p : List.of("checkout-before-rename", "deploy::after-checkout", "deploy::after-etc-merge",
        "deploy::after-origin", "sysroot::write-entry", "sysroot::before-sync", "sysroot::before-loader-swap",
        "sysroot::after-loader-swap", "ref-before-write", "sysroot::before-cleanup",
        "sysroot::cleanup-deployment")) {
      l.add(Arguments.of("deploy", p));
    }
    for (String p : List.of("sysroot::write-entry", "sysroot::before-loader-swap",
        "sysroot::after-loader-swap", "sysroot::before-cleanup")) {
      l.add(Arguments.of("rollback", p));
    }
    for (String p : List.of("sysroot::before-bootlink-swap", "sysroot::after-bootlink-swap")) {
      l.add(Arguments.of("rollback-same-commit", p));
    }
    for (String p : List.of("deploy::after-checkout", "deploy::after-etc-merge",
        "sysroot::before-loader-swap", "sysroot::after-loader-swap", "sysroot::cleanup-deployment")) {
      l.add(Arguments.of("kargs", p));
    }
    for (String p : List.of("sysroot::before-loader-swap", "sysroot::after-loader-swap",
        "sysroot::cleanup-deployment")) {
      l.add(Arguments.of("cleanup", p));
    }
    return l.stream();
  }

  @ParameterizedTest(name = "{0} killed at {1}")
  @MethodSource("points")
  void testKilledAt_bootConfigIsOldOrNew_andOstreeReadsIt(String op, String point) throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    String c1 = f.commit("1");
    f.strata("admin", "deploy", "--os=testos", "--karg=root=LABEL=root", "testos/stable").ok();
    String c2 = f.commit("2");
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();
    List<String> before = List.of(c2 + ".0", c1 + ".0");
    List<String> after;
    String[] args;
    switch (op) {
      case "deploy" -> {
        String c3 = f.commit("3");
        after = List.of(c3 + ".0", c2 + ".0");
        args = new String[] {"admin", "deploy", "--os=testos", "testos/stable"};
      }
      case "rollback" -> {
        after = List.of(c1 + ".0", c2 + ".0");
        args = new String[] {"rollback"};
      }
      case "rollback-same-commit" -> {
        f.strata("admin", "deploy", "--os=testos", c2).ok();
        before = List.of(c2 + ".1", c2 + ".0");
        after = List.of(c2 + ".0", c2 + ".1");
        args = new String[] {"rollback"};
      }
      case "kargs" -> {
        after = List.of(c2 + ".1", c2 + ".0");
        args = new String[] {"kargs", "--append=quiet"};
      }
      case "cleanup" -> {
        after = List.of(c2 + ".0");
        args = new String[] {"cleanup", "-r"};
      }
      default -> throw new IllegalArgumentException(op);
    }
    assertEquals(before, f.ostreeStatus());

    SysrootFixture.Run crashed = f.child(Map.of("STRATA_FAILPOINTS", point), args);
    assertEquals(137, crashed.status(), "the failpoint was reached: " + crashed.err());

    List<String> listed = f.ostreeStatus();
    assertTrue(listed.equals(before) || listed.equals(after), "old or new, never half: " + listed);
    assertEquals(listed.size(), f.entryCount(), "one boot entry per deployment");
    for (String name : listed) {
      assertTrue(Files.isDirectory(f.root.resolve("ostree/deploy/testos/deploy/" + name)), name);
      assertTrue(Files.isRegularFile(f.root.resolve("ostree/deploy/testos/deploy/" + name + ".origin")), name);
    }
    String status = f.strata("status", "--json").ok().out();
    for (String name : listed) {
      assertTrue(status.contains(name.substring(0, 64)), status);
    }
    if (op.equals("kargs") && listed.equals(after)) {
      assertTrue(f.strata("kargs").ok().out().contains(" quiet"));
    }

    // the real ostree can manage the sysroot right away (no partial directory where it looks)
    dev.strata.fixtures.HostTools.run("ostree", "admin", "cleanup", "--sysroot=" + f.root).ok();
    assertEquals(listed, f.ostreeStatus());
    f.strata("admin", "cleanup").ok();
    assertEquals(listed, f.ostreeStatus());
    assertEquals(listed.stream().sorted().toList(), f.deployDirs(), "no leftovers after cleanup");
    List<String> refs = dev.strata.fixtures.HostTools.run("ostree", "refs", "--repo=" + f.root.resolve("ostree/repo"),
        "--list", "ostree").ok().stdout().lines().sorted().toList();
    assertEquals(listed.size(), refs.size(), "one ostree/B/S/I ref per deployment: " + refs);
  }
}
