package dev.strata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.store.checkout.Checkout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store against the real ostree 2022.7: same checksums, mutual fsck and checkout. */
class OstreeCompatTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(value = RepoMode.class, names = {"BARE", "BARE_USER", "ARCHIVE"})
  void testCommit_sameChecksumAsOstree(RepoMode mode) throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("strata-repo"), mode);
    Checksum ours = repo.newCommit().tree(src).branch("test/main").subject("Test subject").body("Test body")
        .timestamp(1704067200L).bindings(false).call().checksum();

    Path theirs = tmp.resolve("ostree-repo");
    OstreeCli.ok("init", "--repo=" + theirs, "--mode=" + (mode == RepoMode.ARCHIVE ? "archive" : mode.configName()));
    String expected = OstreeCli.ok("commit", "--repo=" + theirs, "-b", "test/main", "--tree=dir=" + src,
        "-s", "Test subject", "--body", "Test body", "--timestamp=@1704067200", "--no-bindings");
    assertEquals(expected, ours.hex());

    OstreeCli.ok("fsck", "--repo=" + repo.path());
    assertEquals(ours.hex(), OstreeCli.ok("rev-parse", "--repo=" + repo.path(), "test/main"));
  }

  @ParameterizedTest
  @EnumSource(value = RepoMode.class, names = {"BARE", "BARE_USER", "ARCHIVE"})
  void testCommit_withMetadataSameTreeAsOstree(RepoMode mode) throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("strata-repo"), mode);
    Commit ours = repo.newCommit().tree(src).branch("b").subject("s").metadataString("version", "1.0")
        .metadata("pkgs", new dev.strata.store.gvariant.Variant("as", List.of("bash", "strace")))
        .call().commit();
    Path theirs = tmp.resolve("ostree-repo");
    OstreeCli.ok("init", "--repo=" + theirs, "--mode=bare-user");
    String c = OstreeCli.ok("commit", "--repo=" + theirs, "-b", "b", "--tree=dir=" + src, "-s", "s",
        "--add-metadata-string=version=1.0");
    String show = OstreeCli.ok("ls", "--repo=" + theirs, "-C", c, "/");
    assertTrue(show.contains(ours.rootTree().hex()) || show.contains(ours.rootMeta().hex()), show);
    String raw = OstreeCli.ok("show", "--repo=" + theirs, "--raw", c);
    assertTrue(raw.contains(hexBytes(ours.rootTree())), raw);
    assertTrue(raw.contains(hexBytes(ours.rootMeta())), raw);

    String ostreeView = OstreeCli.ok("show", "--repo=" + repo.path(), "--print-metadata-key=pkgs", "b");
    assertEquals("['bash', 'strace']", ostreeView);
    OstreeCli.ok("fsck", "--repo=" + repo.path());
  }

  private static String hexBytes(Checksum c) {
    StringBuilder sb = new StringBuilder("[byte ");
    byte[] b = c.bytes();
    for (int i = 0; i < b.length; i++) {
      sb.append(i > 0 ? ", " : "").append(String.format("0x%02x", b[i]));
    }
    return sb.append(']').toString();
  }

  @ParameterizedTest
  @EnumSource(value = RepoMode.class, names = {"BARE", "BARE_USER", "ARCHIVE"})
  void testOstreeCheckout_ofStrataCommitEqualsSource(RepoMode mode) throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Repo repo = Repo.init(tmp.resolve("repo"), mode);
    Checksum c = repo.newCommit().tree(src).branch("main").call().checksum();
    Path co = tmp.resolve("co");
    OstreeCli.ok("checkout", "--repo=" + repo.path(), c.hex(), co.toString());
    assertEquals(TestTrees.listing(src, true, true), TestTrees.listing(co, true, true));
  }

  @ParameterizedTest
  @EnumSource(value = RepoMode.class, names = {"BARE", "BARE_USER", "ARCHIVE"})
  void testStrataCheckout_ofOstreeCommitEqualsSource(RepoMode mode) throws Exception {
    Path src = TestTrees.sample(tmp.resolve("src"));
    Path theirs = tmp.resolve("ostree-repo");
    OstreeCli.ok("init", "--repo=" + theirs, "--mode=" + (mode == RepoMode.ARCHIVE ? "archive" : mode.configName()));
    String c = OstreeCli.ok("commit", "--repo=" + theirs, "-b", "main", "--tree=dir=" + src, "-s", "from ostree");
    Repo repo = Repo.open(theirs);
    assertEquals(new Checksum(c), repo.resolve("main"));
    assertEquals("from ostree", repo.readCommit(new Checksum(c)).subject());
    Path co = tmp.resolve("co");
    Checkout.of(repo, new Checksum(c)).destination(co).call();
    assertEquals(TestTrees.listing(src, true, true), TestTrees.listing(co, true, true));
  }
}
