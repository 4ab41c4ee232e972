package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Killed commits and concurrent commits leave the repository fsck-clean (ostree's fsck as judge). */
class CrashSafetyTest {
  @TempDir Path tmp;

  private String repo() {
    return "--repo=" + tmp.resolve("repo");
  }

  private void ostreeFsckClean() {
    HostTools.run("ostree", "fsck", "--repo=" + tmp.resolve("repo")).ok();
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging-before-rename", "staging-mid-rename", "commit-before-ref", "ref-before-write",
      "atomic-write-before-rename"})
  void testKilledCommit_leavesRefAndRepoIntact(String failpoint) throws Exception {
    Path a = CliRunner.tree(tmp.resolve("a"), "a");
    Path b = CliRunner.tree(tmp.resolve("b"), "b");
    CliRunner.ok("repo", "init", repo(), "--mode=bare-user");
    String first = CliRunner.ok("repo", "commit", repo(), "-b", "main", a.toString()).out().trim();

    HostTools.Result killed = CliRunner.child(Map.of("STRATA_FAILPOINTS", failpoint),
        "repo", "commit", repo(), "-b", "main", b.toString());
    assertEquals(137, killed.exitCode(), killed.stderr());
    assertEquals(first, CliRunner.ok("repo", "rev-parse", repo(), "main").out().trim());
    assertEquals("main\n", HostTools.run("ostree", "refs", "--repo=" + tmp.resolve("repo")).ok().stdout());
    ostreeFsckClean();
    assertTrue(CliRunner.ok("repo", "fsck", repo(), "--json").out().contains("\"ok\": true"));

    String second = CliRunner.ok("repo", "commit", repo(), "-b", "main", b.toString()).out().trim();
    assertEquals(second, CliRunner.ok("repo", "rev-parse", repo(), "main").out().trim());
    ostreeFsckClean();
  }

  @Test
  void testKilledPrune_leavesRepoFsckClean() throws Exception {
    Path a = CliRunner.tree(tmp.resolve("a"), "a");
    Path b = CliRunner.tree(tmp.resolve("b"), "b");
    CliRunner.ok("repo", "init", repo(), "--mode=archive");
    CliRunner.ok("repo", "commit", repo(), "-b", "main", a.toString());
    CliRunner.ok("repo", "commit", repo(), "--orphan", b.toString());
    HostTools.Result killed = CliRunner.child(Map.of("STRATA_FAILPOINTS", "prune-mid-delete"),
        "repo", "prune", repo(), "--refs-only");
    assertEquals(137, killed.exitCode(), killed.stderr());
    ostreeFsckClean();
  }

  @Test
  void testConcurrentCommits_bothSucceedOrOneFailsCleanly() throws Exception {
    CliRunner.ok("repo", "init", repo(), "--mode=bare-user");
    List<Path> trees = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      trees.add(CliRunner.tree(tmp.resolve("t" + i), "tree" + i));
    }
    for (int round = 0; round < 2; round++) {
      List<CompletableFuture<HostTools.Result>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path t = trees.get(round * 2 + i);
        String branch = i == 0 || round == 0 ? "main" : "other";
        runs.add(CompletableFuture.supplyAsync(
            () -> CliRunner.child(Map.of(), "repo", "commit", repo(), "-b", branch, t.toString())));
      }
      List<String> written = new ArrayList<>();
      for (CompletableFuture<HostTools.Result> f : runs) {
        HostTools.Result r = f.join();
        if (r.exitCode() == 0) {
          written.add(r.stdout().trim());
        } else {
          assertEquals(1, r.exitCode(), r.stderr());
          List<String> errors = r.stderr().lines().filter(l -> l.startsWith("error: ")).toList();
          assertEquals(1, errors.size(), r.stderr());
          assertTrue(errors.get(0).startsWith("error: ref main moved from"), r.stderr());
          assertTrue(r.stderr().strip().endsWith(errors.get(0)), "the error is the last line: " + r.stderr());
        }
      }
      assertTrue(!written.isEmpty());
      String main = CliRunner.ok("repo", "rev-parse", repo(), "main").out().trim();
      assertTrue(written.contains(main), written + " vs " + main);
      ostreeFsckClean();
    }
    assertTrue(Files.exists(tmp.resolve("repo/refs/heads/other")));
  }
}
