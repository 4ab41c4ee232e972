package dev.strata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.store.checkout.Checkout;
import dev.strata.store.util.LinuxFs;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkout changed (new, replaced and removed files, a new directory) and committed with
 * {@code relinkTree} is afterwards exactly what a fresh hardlink checkout of the new commit is: the
 * same entries, the same inodes for every non-empty file and symlink (the objects), the same
 * metadata, directory times 0.
 */
class RelinkTreeTest {
  @TempDir Path tmp;
  private static final LinkOption NF = LinkOption.NOFOLLOW_LINKS;

  @Test
  void testRelinkTree_changedCheckoutBecomesCheckoutOfNewCommit() throws Exception {
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.BARE);
    Checksum c1 = repo.newCommit().tree(TestTrees.sample(tmp.resolve("src"))).branch("main").call().checksum();
    Path work = tmp.resolve("work");
    Checkout.of(repo, c1).destination(work).call();
    Map<String, Checksum> known = new HashMap<>();
    TreeReader t = repo.treeReader(c1);
    for (String f : List.of("/usr/bin/hello", "/usr/bin/su", "/etc-file", "/big", "/bin")) {
      Map<String, Object> a = Files.readAttributes(work.resolve(f.substring(1)), "unix:dev,ino", NF);
      known.put(a.get("dev") + ":" + a.get("ino"), t.lookup(f).checksum());
    }
    TestTrees.write(work.resolve("usr/bin/new-tool"), "new\n", 0750);
    Path cp = work.resolve("etc-file.copy");
    Files.copy(work.resolve("etc-file"), cp, StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(cp, "config=2\n");
    Files.move(cp, work.resolve("etc-file"), StandardCopyOption.REPLACE_EXISTING);
    Files.delete(work.resolve("a b c"));
    Files.createDirectories(work.resolve("usr/share/new"));
    LinuxFs.symlink("../../bin/new-tool", work.resolve("usr/share/new/link"));
    TestTrees.write(work.resolve("usr/share/new/empty"), "", 0600);
    TestTrees.write(work.resolve("usr/share/new/same-as-hello"), "#!/bin/sh\necho hello\n", 0755);

    Checksum c2 = repo.newCommit().tree(work).orphan(true).knownInodes(known).relinkTree(true)
        .call().checksum();

    Path fresh = tmp.resolve("fresh");
    Checkout.of(repo, c2).destination(fresh).call();
    assertEquals(describe(fresh), describe(work));
    assertEquals(0, OstreeCli.run("fsck", "--repo=" + repo.path()).exitCode());
  }

  @Test
  void testRelinkTree_refusedOutsideBareRepositories() throws Exception {
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.BARE_USER);
    Path src = TestTrees.sample(tmp.resolve("src"));
    assertThrows(IllegalStateException.class,
        () -> repo.newCommit().tree(src).branch("main").relinkTree(true).call());
  }

  /** Path, type, mode, owner, mtime of directories, inode of non-empty files and symlinks. */
  private static List<String> describe(Path root) throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,ino,size,lastModifiedTime", NF);
        StringBuilder sb = new StringBuilder("/" + root.relativize(p) + " " + Integer.toOctalString((Integer) a.get("mode"))
            + " " + a.get("uid") + ":" + a.get("gid"));
        if (Files.isDirectory(p, NF)) {
          sb.append(" mtime ").append(a.get("lastModifiedTime"));
        } else if (Files.isSymbolicLink(p) || (Long) a.get("size") > 0) {
          sb.append(" inode ").append(a.get("ino"));
        }
        sb.append(" xattrs ").append(LinuxFs.listXattrs(p).stream().sorted().toList());
        out.add(sb.toString());
      }
    }
    return out;
  }
}
