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
import dev.strata.store.util.ParallelTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a commit (or a subpath of it) out into a new directory, as {@code ostree checkout} does:
 * hardlinks from bare repositories (empty files copied), copies from archive repositories or with
 * {@link #forceCopy}. The tree is built under a temporary sibling name and renamed into place, so
 * the destination appears complete or not at all. Directories are filled on every core
 * ({@link ParallelTree}). The common case, a hardlink checkout of a bare repository, needs no native
 * library of ours (JNA): only xattrs on directories and copies from other modes load it. Single use.
 */
public final class Checkout {
  private final Repo repo;
  private final Checksum commit;
  private Path destination;
  private String subpath = "/";
  private boolean forceCopy;
  private boolean userMode;
  private final AtomicInteger linked = new AtomicInteger();
  private final AtomicInteger copied = new AtomicInteger();
  private final Map<Checksum, DirMeta> metaCache = new ConcurrentHashMap<>();
  private boolean hardlink;
  private boolean owners;
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
    hardlink = canHardlink();
    owners = !userMode && repo.mode() != RepoMode.BARE_USER_ONLY;
    TreeReader reader = repo.treeReader(commit);
    TreeReader.Entry start = reader.lookup(subpath);
    Path tmp = parent.resolve("." + dest.getFileName() + ".checkout-" + AtomicFiles.randomSuffix());
    try {
      if (start.directory()) {
        Files.createDirectory(tmp);
        Map<String, Object> a = Files.readAttributes(tmp, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        ownUid = (Integer) a.get("uid");
        ownGid = (Integer) a.get("gid");
        defaultDirMode = (Integer) a.get("mode") & 07777;
        new ParallelTree<Dir>(this::fillDir, this::finishDir)
            .run(new Dir(start.checksum(), dirMeta(start.metaChecksum()), tmp));
      } else {
        (checkoutFile(start.checksum(), tmp) ? linked : copied).incrementAndGet();
      }
      Failpoints.hit("checkout-before-rename");
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(tmp);
      throw e;
    }
    return new Result(dest, linked.get(), copied.get());
  }

  /**
   * A directory to fill.
   *
   * @param tree its dirtree
   * @param meta its dirmeta
   * @param path where it is created
   */
  private record Dir(Checksum tree, DirMeta meta, Path path) {}

  /** Creates the subdirectories of one directory (returned, to be filled) and checks its files out. */
  private List<Dir> fillDir(Dir d) throws IOException {
    DirTree tree = repo.readDirTree(d.tree());
    List<Dir> subs = new ArrayList<>(tree.dirs().size());
    for (DirTree.DirEntry e : tree.dirs()) {
      Path sub = d.path().resolve(e.name());
      Files.createDirectory(sub);
      subs.add(new Dir(e.tree(), dirMeta(e.meta()), sub));
    }
    int links = 0;
    for (DirTree.FileEntry f : tree.files()) {
      if (checkoutFile(f.checksum(), d.path().resolve(f.name()))) {
        links++;
      }
    }
    linked.addAndGet(links);
    copied.addAndGet(tree.files().size() - links);
    return subs;
  }

  /** Sets a directory's owner, xattrs, mode and mtime, once everything inside it exists. */
  private void finishDir(Dir d) throws IOException {
    DirMeta meta = d.meta();
    Path dir = d.path();
    boolean chown = owners && (meta.uid() != ownUid || meta.gid() != ownGid);
    if (chown) {
      chown(dir, meta.uid(), meta.gid());
    }
    if (owners) {
      for (Xattr x : meta.xattrs()) {
        LinuxFs.setXattr(dir, x.name(), x.value());
      }
    }
    if ((meta.mode() & 07777) != defaultDirMode || chown) {
      Files.setAttribute(dir, "unix:mode", meta.mode() & 07777);
    }
    Files.setLastModifiedTime(dir, FileTime.fromMillis(0));
  }

  /** lchown through NIO. */
  private static void chown(Path p, int uid, int gid) throws IOException {
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
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

  /** Checks one file out; returns true when it was hardlinked, false when copied. */
  private boolean checkoutFile(Checksum c, Path target) throws IOException {
    if (!hardlink) {
      copyFile(repo.readFile(c), target);
      return false;
    }
    FileObject known = repo.mode() == RepoMode.BARE_USER ? repo.readFile(c) : null;
    if (known == null || !known.header().isSymlink()) {
      Path obj = repo.objectPath(c, ObjectType.FILE);
      BasicFileAttributes a = Files.readAttributes(obj, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isSymbolicLink() || a.size() > 0) {
        if (link(obj, target)) {
          return true;
        }
      } else if (repo.mode() == RepoMode.BARE) {
        copyEmptyBare(obj, target);
        return false;
      }
    }
    copyFile(known != null ? known : repo.readFile(c), target);
    return false;
  }

  /** Hardlinks an object; false when the checkout is on another file system. */
  private static boolean link(Path obj, Path target) throws IOException {
    try {
      Files.createLink(target, obj);
      return true;
    } catch (FileSystemException e) {
      if (!String.valueOf(e.getReason()).contains("cross-device")) {
        throw e;
      }
      return false;
    }
  }

  /**
   * Copies an empty file of a bare repository (ostree copies those rather than hardlinking them). A
   * bare object carries the file's own owner, mode and xattrs, so the JDK's attribute copy, which
   * copies xattrs of every namespace, reproduces them without loading a native library. The owner
   * is set again when it is not ours, so that failing to set it is reported, not ignored; the mtime
   * is the time of the copy, as with ostree.
   */
  private void copyEmptyBare(Path obj, Path target) throws IOException {
    Files.copy(obj, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    Map<String, Object> o = Files.readAttributes(obj, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
    int uid = (Integer) o.get("uid");
    int gid = (Integer) o.get("gid");
    if (uid != ownUid || gid != ownGid) {
      chown(target, uid, gid);
    }
    Files.setLastModifiedTime(target, FileTime.fromMillis(System.currentTimeMillis()));
  }

  private void copyFile(FileObject fo, Path target) throws IOException {
    FileHeader h = fo.header();
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
