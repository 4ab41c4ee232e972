package dev.strata.store.internal;

import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.DirMeta;
import dev.strata.store.DirTree;
import dev.strata.store.FileObject;
import dev.strata.store.FsckReport;
import dev.strata.store.ObjectType;
import dev.strata.store.Repo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import dev.strata.store.util.Sha256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Re-hashes every loose object on all cores, then walks every commit's tree and every ref to find
 * missing objects. Read-only.
 */
public final class Fsck {
  private final Repo repo;
  private final Consumer<String> progress;
  private final Map<String, FsckReport.Problem> problems = new ConcurrentHashMap<>();

  /**
   * @param repo the repository
   * @param progress receives progress lines
   */
  public Fsck(Repo repo, Consumer<String> progress) {
    this.repo = repo;
    this.progress = progress;
  }

  /** @return the report */
  public FsckReport run() throws IOException {
    List<ObjectList.Entry> all = ObjectList.list(repo);
    progress.accept("checking " + all.size() + " objects");
    Set<String> present = new HashSet<>();
    List<Checksum> commits = new ArrayList<>();
    for (ObjectList.Entry e : all) {
      present.add(e.describe());
      if (e.type() == ObjectType.COMMIT) {
        commits.add(e.checksum());
      }
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "strata-fsck");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      int chunk = Math.max(1, all.size() / (threads * 8));
      for (int i = 0; i < all.size(); i += chunk) {
        List<ObjectList.Entry> part = all.subList(i, Math.min(all.size(), i + chunk));
        fs.add(pool.submit(() -> {
          for (ObjectList.Entry e : part) {
            verify(e);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        try {
          f.get();
        } catch (Exception ex) {
          throw new IOException("fsck failed: " + ex.getCause(), ex.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Set<String> walked = new HashSet<>();
    for (Checksum c : commits) {
      if (problems.containsKey(c + ".commit")) {
        continue;
      }
      Commit commit = repo.readCommit(c);
      walkDir(commit.rootTree(), commit.rootMeta(), present, walked, "commit " + c);
    }
    for (Map.Entry<String, Checksum> r : repo.refs().list().entrySet()) {
      String o = r.getValue() + ".commit";
      if (!present.contains(o)) {
        problems.putIfAbsent(o, new FsckReport.Problem(o, "missing", "commit of ref " + r.getKey() + " is missing"));
      }
    }
    List<FsckReport.Problem> list = new ArrayList<>(problems.values());
    list.sort((a, b) -> a.object().compareTo(b.object()));
    return new FsckReport(all.size(), commits.size(), list);
  }

  private void walkDir(Checksum tree, Checksum meta, Set<String> present, Set<String> walked, String from)
      throws IOException {
    String m = meta + ".dirmeta";
    if (!present.contains(m)) {
      problems.putIfAbsent(m, new FsckReport.Problem(m, "missing", "referenced by " + from));
    }
    String t = tree + ".dirtree";
    if (!walked.add(t)) {
      return;
    }
    if (!present.contains(t)) {
      problems.putIfAbsent(t, new FsckReport.Problem(t, "missing", "referenced by " + from));
      return;
    }
    if (problems.containsKey(t)) {
      return;
    }
    DirTree dt = repo.readDirTree(tree);
    for (DirTree.FileEntry f : dt.files()) {
      String o = f.checksum() + ".file";
      if (!present.contains(o)) {
        problems.putIfAbsent(o, new FsckReport.Problem(o, "missing", "referenced as '" + f.name() + "' by " + t));
      }
    }
    for (DirTree.DirEntry d : dt.dirs()) {
      walkDir(d.tree(), d.meta(), present, walked, t + " ('" + d.name() + "')");
    }
  }

  private void verify(ObjectList.Entry e) {
    String name = e.describe();
    try {
      Checksum actual;
      switch (e.type()) {
        case FILE -> actual = hashContent(e.checksum());
        case COMMIT_META -> {
          return;
        }
        default -> {
          byte[] b = Files.readAllBytes(e.path());
          actual = Checksum.sha256(b);
          if (actual.equals(e.checksum())) {
            parse(e.type(), b);
          }
        }
      }
      if (!actual.equals(e.checksum())) {
        problems.put(name, new FsckReport.Problem(name, "corrupt", "content hashes to " + actual));
      }
    } catch (IOException | RuntimeException ex) {
      problems.put(name, new FsckReport.Problem(name, "corrupt", String.valueOf(ex.getMessage())));
    }
  }

  private static void parse(ObjectType t, byte[] b) {
    switch (t) {
      case DIR_TREE -> DirTree.parse(b);
      case DIR_META -> DirMeta.parse(b);
      case COMMIT -> Commit.parse(b);
      default -> { }
    }
  }

  private Checksum hashContent(Checksum c) throws IOException {
    FileObject fo = repo.readFile(c);
    Sha256 md = Sha256.create();
    md.update(fo.header().checksumPrefix());
    if (!fo.header().isSymlink()) {
      if (fo.size() <= (8 << 20) && repo.mode() != dev.strata.store.RepoMode.ARCHIVE) {
        md.update(Files.readAllBytes(fo.loosePath()));
      } else {
        try (InputStream in = fo.openContent()) {
          byte[] buf = new byte[1 << 16];
          int n;
          while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
            md.update(buf, n);
          }
        }
      }
    }
    return Checksum.ofBytes(md.digest());
  }
}
