package dev.strata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.store.errors.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File names in a commit are UTF-8, as in ostree: other bytes are refused by name, nothing is written. */
class FileNameEncodingTest {
  @TempDir Path tmp;

  @Test
  void testCommit_nonUtf8Name_refusedLikeOstree() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("tree/usr/share"));
    Files.writeString(tree.resolve("ok"), "fine\n");
    HostTools.run("sh", "-c", "printf x > \"$1/caf$(printf '\\351')\"", "sh", tree.toString()).ok();
    Files.writeString(tree.resolve("caf\u00e9-utf8"), "a UTF-8 name is fine\n");

    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.BARE_USER);
    StoreException e = assertThrows(StoreException.class,
        () -> repo.newCommit().tree(tmp.resolve("tree")).branch("a").call());
    assertEquals("cannot commit " + tree.resolve("caf\uFFFD") + ": its name is not valid UTF-8, and an"
        + " OSTree repository stores UTF-8 names only; rename it to UTF-8 (for example with convmv)",
        e.getMessage());
    assertEquals(Optional.empty(), repo.refs().resolve("a"));
    try (var left = Files.list(repo.path().resolve("tmp"))) {
      assertEquals(java.util.List.of("cache"), left.map(x -> x.getFileName().toString()).toList(),
          "nothing staged is left behind (tmp/cache is the repository's own, as with ostree)");
    }
    OstreeCli.ok("fsck", "--repo=" + repo.path());

    OstreeCli.ok("init", "--repo=" + tmp.resolve("theirs"), "--mode=bare-user");
    HostTools.Result theirs = OstreeCli.run("commit", "--repo=" + tmp.resolve("theirs"), "-b", "a",
        "--tree=dir=" + tmp.resolve("tree"));
    assertTrue(theirs.exitCode() != 0 && theirs.stderr().contains("UTF-8"), theirs.stderr());
  }
}
