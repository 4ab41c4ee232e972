package dev.strata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.store.errors.RefUpdateException;
import dev.strata.store.errors.SpecialFileException;
import dev.strata.store.util.LinuxFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refs, history, prune and summary, checked against ostree where it has an opinion. */
class RefsAndPruneTest {
  @TempDir Path tmp;

  @Test
  void testCommit_parentDefaultsToBranchAndRevParseFollowsCarets() throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.BARE_USER);
    Checksum a = repo.newCommit().tree(src).branch("os/main").subject("a").call().checksum();
    Checksum b = repo.newCommit().tree(src).branch("os/main").subject("b").call().checksum();
    assertEquals(Optional.of(a), repo.readCommit(b).parent());
    assertEquals(a, repo.resolve("os/main^"));
    assertEquals(2, repo.log(b).size());
    assertEquals(a.hex(), OstreeCli.ok("rev-parse", "--repo=" + repo.path(), "os/main^"));
  }

  @Test
  void testCompareAndSet_rejectsStaleExpectation() throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.BARE_USER);
    Checksum a = repo.newCommit().tree(src).branch("main").call().checksum();
    Checksum b = repo.newCommit().tree(src).orphan(true).subject("x").call().checksum();
    assertThrows(RefUpdateException.class, () -> repo.refs().compareAndSet("main", Optional.empty(), b));
    repo.refs().compareAndSet("main", Optional.of(a), b);
    assertEquals(b, repo.resolve("main"));
    assertThrows(RefUpdateException.class, () -> repo.refs().set("main/sub", a));
    assertTrue(repo.refs().delete("main"));
    assertTrue(repo.refs().list().isEmpty());
  }

  @Test
  void testPruneRefsOnly_deletesOrphansAndOstreeFsckStaysClean() throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.ARCHIVE);
    Checksum kept = repo.newCommit().tree(src).branch("main").call().checksum();
    Files.writeString(src.resolve("orphan-only"), "only in the orphan\n");
    Checksum orphan = repo.newCommit().tree(src).orphan(true).call().checksum();
    PruneReport p = repo.prune(true);
    assertTrue(p.deleted() >= 3, "deleted " + p.deleted());
    assertFalse(repo.hasObject(orphan, ObjectType.COMMIT));
    assertTrue(repo.hasObject(kept, ObjectType.COMMIT));
    OstreeCli.ok("fsck", "--repo=" + repo.path());
    assertEquals(0, repo.prune(true).deleted());
  }

  @Test
  void testSummary_acceptedByOstree() throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.ARCHIVE);
    Checksum c = repo.newCommit().tree(src).branch("main").metadataString("version", "7").call().checksum();
    repo.updateSummary();
    String view = OstreeCli.ok("summary", "--repo=" + repo.path(), "--view");
    assertTrue(view.contains("* main") && view.contains(c.hex()) && view.contains("Version (ostree.commit.version): 7"), view);
  }

  @Test
  void testCommit_deviceNodeIsNamedOrSkipped() throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Files.createDirectories(src.resolve("dev"));
    LinuxFs.mknod(src.resolve("dev/null"), 0020666, (1L << 8) | 3);
    LinuxFs.mknod(src.resolve("dev/fifo"), 0010644, 0);
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.BARE_USER);
    SpecialFileException e = assertThrows(SpecialFileException.class,
        () -> repo.newCommit().tree(src).branch("main").call());
    assertTrue(e.getMessage().contains("/dev/"), e.getMessage());
    assertTrue(repo.refs().list().isEmpty());
    CommitBuilder.Result r = repo.newCommit().tree(src).branch("main").skipSpecialFiles(true).call();
    assertEquals(2, r.skipped().size());
    OstreeCli.ok("fsck", "--repo=" + repo.path());
  }
}
