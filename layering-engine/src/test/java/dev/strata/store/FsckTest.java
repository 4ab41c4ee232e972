package dev.strata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** fsck finds flipped bytes and missing objects, and names them. */
class FsckTest {
  @TempDir Path tmp;

  private static void flipByte(Path p, int at) throws Exception {
    Files.setAttribute(p, "unix:mode", 0644);
    byte[] b = Files.readAllBytes(p);
    int i = Math.min(at, b.length - 1);
    b[i] ^= 0x01;
    Files.write(p, b);
  }

  private static List<String> names(FsckReport r) {
    return r.problems().stream().map(FsckReport.Problem::object).toList();
  }

  @ParameterizedTest
  @EnumSource(value = RepoMode.class, names = {"BARE", "BARE_USER", "ARCHIVE"})
  void testFsck_findsFlippedByteInFileAndDirtree(RepoMode mode) throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("repo"), mode);
    Commit commit = repo.newCommit().tree(src).branch("main").call().commit();
    assertTrue(repo.fsck(s -> { }).ok());

    TreeReader t = repo.treeReader(commit.checksum());
    Checksum file = t.lookup("/etc-file").checksum();
    Checksum tree = t.lookup("/usr/bin").checksum();
    flipByte(repo.objectPath(file, ObjectType.FILE), mode == RepoMode.ARCHIVE ? 1000 : 2);
    flipByte(repo.objectPath(tree, ObjectType.DIR_TREE), 3);

    FsckReport r = repo.fsck(s -> { });
    assertEquals(java.util.Set.of(file + ".file", tree + ".dirtree"), java.util.Set.copyOf(names(r)));
    assertTrue(r.problems().stream().allMatch(p -> p.kind().equals("corrupt")));
    assertFalse(OstreeCli.run("fsck", "--repo=" + repo.path()).exitCode() == 0, "ostree agrees it is corrupt");
  }

  @ParameterizedTest
  @EnumSource(value = RepoMode.class, names = {"BARE_USER"})
  void testFsck_findsMissingObjects(RepoMode mode) throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("repo"), mode);
    Commit commit = repo.newCommit().tree(src).branch("main").call().commit();
    TreeReader t = repo.treeReader(commit.checksum());
    Checksum file = t.lookup("/usr/bin/su").checksum();
    Checksum meta = t.lookup("/etc").metaChecksum();
    Files.delete(repo.objectPath(file, ObjectType.FILE));
    Files.delete(repo.objectPath(meta, ObjectType.DIR_META));
    FsckReport r = repo.fsck(s -> { });
    assertTrue(names(r).contains(file + ".file"), names(r).toString());
    assertTrue(names(r).contains(meta + ".dirmeta"), names(r).toString());
    assertTrue(r.problems().stream().allMatch(p -> p.kind().equals("missing")));
  }

  @ParameterizedTest
  @EnumSource(value = RepoMode.class, names = {"BARE", "ARCHIVE"})
  void testFsck_acceptsOstreeWrittenRepo(RepoMode mode) throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Path theirs = tmp.resolve("ostree-repo");
    OstreeCli.ok("init", "--repo=" + theirs, "--mode=" + (mode == RepoMode.ARCHIVE ? "archive" : "bare"));
    OstreeCli.ok("commit", "--repo=" + theirs, "-b", "main", "--tree=dir=" + src);
    OstreeCli.ok("commit", "--repo=" + theirs, "-b", "main", "--tree=dir=" + src, "-s", "second");
    FsckReport r = Repo.open(theirs).fsck(s -> { });
    assertTrue(r.ok(), r.problems().toString());
    assertEquals(2, r.commits());
  }
}
