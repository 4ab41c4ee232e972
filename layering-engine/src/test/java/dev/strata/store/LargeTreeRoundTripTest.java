package dev.strata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.store.checkout.Checkout;
import dev.strata.store.util.LinuxFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated tree of more than 5000 files survives commit and checkout, by Strata and by ostree. */
class LargeTreeRoundTripTest {
  @TempDir Path tmp;
  @TempDir static Path shared;
  private static Path source;

  @org.junit.jupiter.api.BeforeAll
  static void generateOnce() throws Exception {
    long t0 = System.nanoTime();
    source = generate(shared.resolve("src"));
    System.out.println("generated in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  static Path generate(Path root) throws Exception {
    Files.createDirectories(root);
    String[] odd = {"with space", "ünïcödé", "-leading-dash", "☃ snow", "tab\there", "Zz", "aA", "#hash", "semi;colon"};
    int n = 0;
    for (int d = 0; d < 52; d++) {
      Path dir = Files.createDirectories(root.resolve("dir" + d).resolve(d % 3 == 0 ? "nested ü " + d : "n" + d));
      for (int f = 0; f < 100; f++) {
        String name = f < odd.length ? odd[f] + "-" + f : "file" + f;
        Path p = dir.resolve(name);
        Files.writeString(p, ("content " + d + "/" + f + "\n").repeat(1 + (f * 7 + d) % 40));
        n++;
        if (f % 25 == 0) {
          Files.setAttribute(p, "unix:mode", 04755);
        } else if (f % 25 == 1) {
          Files.setAttribute(p, "unix:mode", 02711);
        } else if (f % 25 == 2) {
          LinuxFs.lchown(p, 1000 + d, 100);
          Files.setAttribute(p, "unix:mode", 0600);
        }
        if (f % 10 == 3) {
          Files.createSymbolicLink(dir.resolve("link-" + f), Path.of(name));
        }
        if (f == 4) {
          Files.createLink(dir.resolve("hardlink-" + f), p);
        }
      }
      Files.createDirectories(root.resolve("dir" + d).resolve("empty"));
      Files.writeString(dir.resolve("zero-size"), "");
    }
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("../nowhere/at all"));
    Files.setAttribute(root.resolve("dir1"), "unix:mode", 01777);
    assertTrue(n >= 5000);
    return root;
  }

  @Test
  void testRoundTrip_5000FilesBareRepo() throws Exception {
    Path src = source;
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.BARE);
    long t0 = System.nanoTime();
    CommitBuilder.Result r = repo.newCommit().tree(src).branch("big").subject("big").call();
    assertTrue(r.files() > 5000, "files: " + r.files());
    System.out.println("commit in " + (System.nanoTime() - t0) / 1_000_000 + " ms");

    t0 = System.nanoTime();
    List<String> expected = TestTrees.listing(src, true, true);
    System.out.println("listing in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    Path ours = tmp.resolve("strata-co");
    Checkout.Result co = Checkout.of(repo, r.checksum()).destination(ours).call();
    assertTrue(co.hardlinked() > 5000, "hardlinked: " + co.hardlinked());
    assertEquals(expected, TestTrees.listing(ours, true, true));

    OstreeCli.ok("fsck", "--repo=" + repo.path());
    Path theirs = tmp.resolve("ostree-co");
    OstreeCli.ok("checkout", "--repo=" + repo.path(), "big", theirs.toString());
    assertEquals(expected, TestTrees.listing(theirs, true, true));
    assertTrue(repo.fsck(s -> { }).ok());
  }

  @Test
  void testRoundTrip_5000FilesArchiveRepoForceCopy() throws Exception {
    Path src = source;
    Repo repo = Repo.init(tmp.resolve("repo"), RepoMode.ARCHIVE);
    Checksum c = repo.newCommit().tree(src).branch("big").call().checksum();
    OstreeCli.ok("fsck", "--repo=" + repo.path());
    Path ours = tmp.resolve("strata-co");
    Checkout.of(repo, c).destination(ours).subpath("/dir3").call();
    assertEquals(TestTrees.listing(src.resolve("dir3"), true, true), TestTrees.listing(ours, true, true));
  }
}
