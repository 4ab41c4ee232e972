package dev.strata.sandbox;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.store.RepoMode;
import dev.strata.store.checkout.Checkout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bare repository holding the Debian minbase (docs, locales and caches dropped) as one commit, made once per
 * JVM, and hardlink checkouts of it: the staging trees scripts run in, whose files ARE the
 * repository's objects.
 */
public final class HardlinkedBase {
  /** Bulky parts no script needs, left out to keep tests fast. */
  private static final String[] PRUNED = {"usr/share/doc", "usr/share/man", "usr/share/locale",
      "usr/share/zoneinfo", "usr/share/info", "usr/lib/x86_64-linux-gnu/gconv", "var/cache",
      "var/lib/apt/lists", "var/log"};
  private static Path dir;
  private static Repo repo;
  private static Checksum commit;

  private HardlinkedBase() {}

  /** @return the repository (created on first use) */
  public static synchronized Repo repo() {
    if (repo == null) {
      try {
        dir = Files.createTempDirectory("strata-hlbase-");
        Path tree = dir.resolve("tree");
        // a hardlink copy, only read and pruned (unlinking leaves the cached minbase intact)
        HostTools.run("cp", "-al", DebianArchive.minbase().toString(), tree.toString()).ok();
        for (String big : PRUNED) {
          DebianArchive.deleteTree(tree.resolve(big));
        }
        repo = Repo.init(dir.resolve("repo"), RepoMode.BARE);
        commit = repo.newCommit().tree(tree).branch("base").subject("minbase")
            .skipSpecialFiles(true).call().checksum();
        DebianArchive.deleteTree(tree);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            DebianArchive.deleteTree(dir);
          } catch (IOException ignored) {
            // temp dir
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return repo;
  }

  /** @return the base commit */
  public static Checksum commit() {
    repo();
    return commit;
  }

  /**
   * Checks the base out by hardlinks into a new directory on the repository's file system.
   *
   * @param name a name unique in this JVM
   * @return the staging tree
   */
  public static Path checkout(String name) throws IOException {
    Path dest = dir().resolve("staging-" + name);
    Checkout.of(repo(), commit()).destination(dest).call();
    return dest;
  }

  /**
   * Checks the base out as copies (no inode shared with the repository), for real tools that
   * would write in place.
   *
   * @param name a name unique in this JVM
   * @return the tree
   */
  public static Path copyCheckout(String name) throws IOException {
    Path dest = dir().resolve("copy-" + name);
    Checkout.of(repo(), commit()).destination(dest).forceCopy(true).call();
    return dest;
  }

  /** @return a scratch directory path (not created) on the repository's file system */
  public static Path scratch(String name) {
    return dir().resolve("scratch-" + name);
  }

  private static Path dir() {
    repo();
    return dir;
  }

  /** Runs {@code ostree fsck} on the repository and fails on any error. */
  public static void fsck() {
    HostTools.run("ostree", "fsck", "--repo=" + repo().path()).ok();
  }
}
