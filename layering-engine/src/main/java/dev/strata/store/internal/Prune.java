package dev.strata.store.internal;

import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.DirTree;
import dev.strata.store.ObjectType;
import dev.strata.store.PruneReport;
import dev.strata.store.Repo;
import dev.strata.store.util.Failpoints;
import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes objects that nothing reaches. With {@code refsOnly}, reachability starts at the refs
 * (following parents); otherwise at every commit in the repository. Commits are deleted before
 * the trees and files they point to, so a crash never leaves a commit with missing objects.
 * Holds the exclusive repository lock.
 */
public final class Prune {
  private Prune() {}

  /** Prunes {@code repo}. */
  public static PruneReport run(Repo repo, boolean refsOnly) throws IOException {
    try (RepoLock l = RepoLock.exclusive(repo.path().resolve(".lock"))) {
      List<ObjectList.Entry> all = ObjectList.list(repo);
      Set<String> reachable = new HashSet<>();
      List<Checksum> roots = new ArrayList<>();
      if (refsOnly) {
        roots.addAll(repo.refs().list().values());
      } else {
        for (ObjectList.Entry e : all) {
          if (e.type() == ObjectType.COMMIT) {
            roots.add(e.checksum());
          }
        }
      }
      for (Checksum c : roots) {
        markCommit(repo, c, reachable);
      }
      List<ObjectList.Entry> doomed = new ArrayList<>();
      for (ObjectList.Entry e : all) {
        String key = e.type() == ObjectType.COMMIT_META ? e.checksum() + ".commit" : e.describe();
        if (!reachable.contains(key)) {
          doomed.add(e);
        }
      }
      doomed.sort(Comparator.comparingInt(e -> order(e.type())));
      long bytes = 0;
      int n = 0;
      for (ObjectList.Entry e : doomed) {
        bytes += Files.size(e.path());
        Files.deleteIfExists(e.path());
        if (++n == doomed.size() / 2) {
          Failpoints.hit("prune-mid-delete");
        }
      }
      if (!doomed.isEmpty()) {
        LinuxFs.syncfs(repo.path());
      }
      return new PruneReport(all.size(), doomed.size(), bytes);
    }
  }

  private static int order(ObjectType t) {
    return switch (t) {
      case COMMIT -> 0;
      case COMMIT_META, TOMBSTONE_COMMIT -> 1;
      case DIR_TREE -> 2;
      case DIR_META -> 3;
      default -> 4;
    };
  }

  private static void markCommit(Repo repo, Checksum c, Set<String> reachable) throws IOException {
    Optional<Checksum> cur = Optional.of(c);
    while (cur.isPresent()) {
      Checksum id = cur.get();
      if (!reachable.add(id + ".commit") || !Files.exists(repo.objectPath(id, ObjectType.COMMIT), LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Commit commit = repo.readCommit(id);
      markTree(repo, commit.rootTree(), commit.rootMeta(), reachable);
      cur = commit.parent();
    }
  }

  private static void markTree(Repo repo, Checksum tree, Checksum meta, Set<String> reachable) throws IOException {
    reachable.add(meta + ".dirmeta");
    if (!reachable.add(tree + ".dirtree") || !repo.hasObject(tree, ObjectType.DIR_TREE)) {
      return;
    }
    DirTree t = repo.readDirTree(tree);
    for (DirTree.FileEntry f : t.files()) {
      reachable.add(f.checksum() + ".file");
    }
    for (DirTree.DirEntry d : t.dirs()) {
      markTree(repo, d.tree(), d.meta(), reachable);
    }
  }
}
