package dev.strata.store.checkout;

import dev.strata.store.Checksum;
import dev.strata.store.DirMeta;
import dev.strata.store.DirTree;
import dev.strata.store.FileHeader;
import dev.strata.store.FileObject;
import dev.strata.store.ObjectType;
import dev.strata.store.Repo;
import dev.strata.store.RepoMode;
import dev.strata.store.TreeReader;
import dev.strata.store.Xattr;
import dev.strata.store.errors.StoreException;
import dev.strata.store.util.AtomicFiles;
import dev.strata.store.util.Failpoints;
import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Checks a commit (or a subpath of it) out into a new directory, as {@code ostree checkout} does:
 * hardlinks from bare repositories (empty files copied), copies from archive repositories or with
 * {@link #forceCopy}. The tree is built under a temporary sibling name and renamed into place, so
 * the destination appears complete or not at all. Single use.
 */
public final class Checkout {
  private final Repo repo;
  private final Checksum commit;
  private Path destination;
  private String subpath = "/";
  private boolean forceCopy;
  private boolean userMode;
  private final java.util.concurrent.atomic.AtomicInteger linked = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger copied = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Map<Checksum, DirMeta> metaCache = new java.util.concurrent.ConcurrentHashMap<>();
  private int ownUid = -1;
  private int ownGid = -1;
  private int defaultDirMode = -1;

  private Checkout(Repo repo, Checksum commit) {
    this.repo = repo;
    this.commit = commit;
  }

  /**
   * Starts a checkout.
   *
   * @param repo the repository
   * @param commit the commit to check out
   * @return the builder
   */
  public static Checkout of(Repo repo, Checksum commit) {
    return new Checkout(repo, commit);
  }

  /** @param dest the directory to create (must not exist) */
  public Checkout destination(Path dest) {
    this.destination = dest;
    return this;
  }

  /** @param p a path inside the commit to check out instead of the root */
  public Checkout subpath(String p) {
    this.subpath = p;
    return this;
  }

  /** @param on copy every file instead of hardlinking */
  public Checkout forceCopy(boolean on) {
    this.forceCopy = on;
    return this;
  }

  /**
   * @param on "user mode" ({@code ostree checkout -U}): ignore ownership and xattrs, strip
   *     setuid/setgid; hardlinks from bare-user repositories
   */
  public Checkout userMode(boolean on) {
    this.userMode = on;
    return this;
  }

  /**
   * The outcome.
   *
   * @param destination the created path
   * @param hardlinked files hardlinked from the repository
   * @param copied files copied
   */
  public record Result(Path destination, int hardlinked, int copied) {}

  /** Performs the checkout. */
  public Result call() throws IOException {
    if (destination == null) {
      throw new IllegalArgumentException("no checkout destination given");
    }
    Path dest = destination.toAbsolutePath().normalize();
    if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreException("cannot check out to " + dest + ": it already exists; remove it or choose a new path");
    }
    Path parent = dest.getParent();
    if (!Files.isDirectory(parent)) {
      throw new StoreException("cannot check out to " + dest + ": " + parent + " is not a directory; create it first");
    }
    TreeReader reader = repo.treeReader(commit);
    TreeReader.Entry start = reader.lookup(subpath);
    Path tmp = parent.resolve("." + dest.getFileName() + ".checkout-" + AtomicFiles.randomSuffix());
    try {
      if (start.directory()) {
        Files.createDirectory(tmp);
        java.util.Map<String, Object> a = Files.readAttributes(tmp, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        ownUid = (Integer) a.get("uid");
        ownGid = (Integer) a.get("gid");
        defaultDirMode = (Integer) a.get("mode") & 07777;
        DirMeta rootMeta = dirMeta(start.metaChecksum());
        int threads = Runtime.getRuntime().availableProcessors();
        if (threads > 1) {
          ForkJoinPool pool = new ForkJoinPool(threads);
          try {
            pool.invoke(new DirTask(start.checksum(), rootMeta, tmp, 0));
          } catch (UncheckedIOException e) {
            Throwable c = e;
            while (c instanceof UncheckedIOException && c.getCause() != null) {
              c = c.getCause();
            }
            throw c instanceof IOException io ? io : e.getCause();
          } finally {
            pool.shutdownNow();
            try {
              pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
            }
          }
        } else {
          checkoutDir(start.checksum(), rootMeta, tmp, Integer.MAX_VALUE);
        }
      } else {
        checkoutFile(start.checksum(), tmp);
      }
      Failpoints.hit("checkout-before-rename");
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(tmp);
      throw e;
    }
    return new Result(dest, linked.get(), copied.get());
  }

  /** Checks one directory out; subdirectories near the top run as parallel tasks. */
  private final class DirTask extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient Checksum tree;
    private final transient DirMeta meta;
    private final transient Path dir;
    private final int depth;

    DirTask(Checksum tree, DirMeta meta, Path dir, int depth) {
      this.tree = tree;
      this.meta = meta;
      this.dir = dir;
      this.depth = depth;
    }

    @Override
    protected void compute() {
      try {
        checkoutDir(tree, meta, dir, depth);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final int PARALLEL_DEPTH = 3;

  private void checkoutDir(Checksum treeId, DirMeta meta, Path dir, int depth) throws IOException {
    DirTree tree = repo.readDirTree(treeId);
    List<DirTask> tasks = new ArrayList<>();
    for (DirTree.DirEntry d : tree.dirs()) {
      Path sub = dir.resolve(d.name());
      Files.createDirectory(sub);
      if (depth < PARALLEL_DEPTH) {
        DirTask t = new DirTask(d.tree(), dirMeta(d.meta()), sub, depth + 1);
        t.fork();
        tasks.add(t);
      } else {
        checkoutDir(d.tree(), dirMeta(d.meta()), sub, depth);
      }
    }
    for (DirTree.FileEntry f : tree.files()) {
      checkoutFile(f.checksum(), dir.resolve(f.name()));
    }
    for (DirTask t : tasks) {
      t.join();
    }
    if (!userMode && repo.mode() != RepoMode.BARE_USER_ONLY) {
      if (meta.uid() != ownUid || meta.gid() != ownGid) {
        LinuxFs.lchown(dir, meta.uid(), meta.gid());
      }
      for (Xattr x : meta.xattrs()) {
        LinuxFs.setXattr(dir, x.name(), x.value());
      }
    }
    if ((meta.mode() & 07777) != defaultDirMode || (!userMode && (meta.uid() != ownUid || meta.gid() != ownGid))) {
      Files.setAttribute(dir, "unix:mode", meta.mode() & 07777);
    }
    Files.setLastModifiedTime(dir, FileTime.fromMillis(0));
  }

  private DirMeta dirMeta(Checksum c) throws IOException {
    DirMeta m = metaCache.get(c);
    if (m == null) {
      m = repo.readDirMeta(c);
      metaCache.put(c, m);
    }
    return m;
  }

  private boolean canHardlink() {
    if (forceCopy) {
      return false;
    }
    return switch (repo.mode()) {
      case BARE -> !userMode;
      case BARE_USER, BARE_USER_ONLY -> userMode;
      default -> false;
    };
  }

  private void checkoutFile(Checksum c, Path target) throws IOException {
    FileObject known = null;
    if (canHardlink() && repo.mode() == RepoMode.BARE_USER) {
      known = repo.readFile(c);
    }
    if (canHardlink() && (known == null || !known.header().isSymlink())) {
      Path obj = repo.objectPath(c, ObjectType.FILE);
      BasicFileAttributes a = Files.readAttributes(obj, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isSymbolicLink() || a.size() > 0) {
        try {
          Files.createLink(target, obj);
          linked.incrementAndGet();
          return;
        } catch (FileSystemException e) {
          if (!String.valueOf(e.getReason()).contains("cross-device")) {
            throw e;
          }
        }
      }
    }
    copyFile(known != null ? known : repo.readFile(c), target);
  }

  private void copyFile(FileObject fo, Path target) throws IOException {
    FileHeader h = fo.header();
    boolean owners = !userMode && repo.mode() != RepoMode.BARE_USER_ONLY;
    copied.incrementAndGet();
    if (h.isSymlink()) {
      LinuxFs.symlink(h.symlinkTarget(), target);
      if (owners) {
        LinuxFs.lchown(target, h.uid(), h.gid());
        for (Xattr x : h.xattrs()) {
          if (!x.name().startsWith("user.")) {
            LinuxFs.setXattr(target, x.name(), x.value());
          }
        }
      }
      return;
    }
    if (repo.mode() == RepoMode.ARCHIVE) {
      try (InputStream in = fo.openContent()) {
        Files.copy(in, target);
      }
    } else {
      Files.copy(fo.loosePath(), target);
    }
    int mode = h.mode() & 07777;
    if (owners) {
      if (h.uid() != ownUid || h.gid() != ownGid) {
        LinuxFs.lchown(target, h.uid(), h.gid());
      }
      for (Xattr x : h.xattrs()) {
        LinuxFs.setXattr(target, x.name(), x.value());
      }
    } else {
      mode &= ~06000;
    }
    Files.setAttribute(target, "unix:mode", mode);
  }
}
