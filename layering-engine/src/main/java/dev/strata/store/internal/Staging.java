package dev.strata.store.internal;

import dev.strata.store.Checksum;
import dev.strata.store.FileHeader;
import dev.strata.store.ObjectType;
import dev.strata.store.Repo;
import dev.strata.store.RepoMode;
import dev.strata.store.Xattr;
import dev.strata.store.util.AtomicFiles;
import dev.strata.store.util.Failpoints;
import dev.strata.store.util.LinuxFs;
import dev.strata.store.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A write transaction: objects are written under {@code REPO/tmp/staging-XXXX/}, then
 * {@link #finish()} syncs them and renames them into {@code objects/}. A crash before or during
 * finish leaves only complete objects in {@code objects/}. Holds a shared lock on
 * {@code REPO/.lock} while open. {@code write*} methods are thread-safe.
 */
public final class Staging implements AutoCloseable {
  private static final int IN_MEMORY_LIMIT = 8 << 20;
  private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(6, true));

  private final Repo repo;
  private final Path dir;
  private final RepoLock lock;
  private final Map<String, Path> staged = new ConcurrentHashMap<>();
  private boolean finished;

  private final java.nio.channels.FileChannel dirLockChannel;
  private int newFileUid = -1;
  private int newFileGid = -1;
  private int newFileMode = -1;

  private Staging(Repo repo, Path dir, RepoLock lock, java.nio.channels.FileChannel dirLockChannel) {
    this.repo = repo;
    this.dir = dir;
    this.lock = lock;
    this.dirLockChannel = dirLockChannel;
  }

  /** Opens a transaction on {@code repo}. */
  public static Staging begin(Repo repo) throws IOException {
    RepoLock lock = RepoLock.shared(repo.path().resolve(".lock"));
    try {
      Path dir = repo.path().resolve("tmp").resolve("staging-strata-" + AtomicFiles.randomSuffix());
      Files.createDirectories(dir);
      java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
      ch.lock();
      removeStale(repo.path().resolve("tmp"), dir);
      Staging st = new Staging(repo, dir, lock, ch);
      Path probe = dir.resolve(".probe");
      Files.write(probe, new byte[0]);
      Map<String, Object> a = Files.readAttributes(probe, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
      st.newFileUid = (Integer) a.get("uid");
      st.newFileGid = (Integer) a.get("gid");
      st.newFileMode = (Integer) a.get("mode") & 07777;
      Files.delete(probe);
      return st;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Deletes staging directories left by killed processes: older than a minute and not locked by a
   * live transaction.
   */
  private static void removeStale(Path tmp, Path own) {
    try (var ds = Files.newDirectoryStream(tmp, "staging-strata-*")) {
      long cutoff = System.currentTimeMillis() - 60_000;
      for (Path d : ds) {
        if (d.equals(own) || Files.getLastModifiedTime(d).toMillis() > cutoff) {
          continue;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(d.resolve(".lock"),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
          java.nio.channels.FileLock l = ch.tryLock();
          if (l != null) {
            AtomicFiles.deleteTree(d);
          }
        } catch (java.nio.channels.OverlappingFileLockException | IOException e) {
          // in use by this JVM or already gone
        }
      }
    } catch (IOException e) {
      // best effort: a stale directory only costs space
    }
  }

  /** @return the repository */
  public Repo repo() {
    return repo;
  }

  /** @return number of objects staged so far */
  public int stagedCount() {
    return staged.size();
  }

  /**
   * Stages a metadata object unless the repository already has it.
   *
   * @return its checksum
   */
  public Checksum writeMetadata(ObjectType type, byte[] data) throws IOException {
    Checksum c = Checksum.sha256(data);
    String key = c.hex() + "." + type.extension(repo.mode());
    if (staged.containsKey(key) || repo.hasObject(c, type)) {
      return c;
    }
    Path tmp = dir.resolve(key);
    if (staged.putIfAbsent(key, tmp) == null) {
      Files.write(tmp, data);
    }
    return c;
  }

  /**
   * Hashes a source file (regular file or symlink) with the given metadata and stages the content
   * object unless the repository already has it.
   *
   * @param src the source file; for a symlink only {@code header.symlinkTarget()} is used
   * @param header the metadata to store
   * @return the content checksum
   */
  public Checksum writeContent(Path src, FileHeader header) throws IOException {
    Sha256 md = Sha256.create();
    md.update(header.checksumPrefix());
    byte[] data = null;
    long size = 0;
    if (!header.isSymlink()) {
      size = Files.size(src);
      if (size <= IN_MEMORY_LIMIT) {
        data = Files.readAllBytes(src);
        size = data.length;
        md.update(data);
      } else {
        try (InputStream in = Files.newInputStream(src)) {
          byte[] buf = new byte[1 << 16];
          int n;
          while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
            md.update(buf, n);
          }
        }
      }
    }
    Checksum c = Checksum.ofBytes(md.digest());
    String key = c.hex() + "." + ObjectType.FILE.extension(repo.mode());
    if (staged.containsKey(key) || repo.hasObject(c, ObjectType.FILE)) {
      return c;
    }
    Path tmp = dir.resolve(key);
    if (staged.putIfAbsent(key, tmp) != null) {
      return c;
    }
    storeContent(src, header, data, size, tmp);
    return c;
  }

  private void storeContent(Path src, FileHeader h, byte[] data, long size, Path tmp) throws IOException {
    RepoMode mode = repo.mode();
    if (mode == RepoMode.ARCHIVE) {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(h.archiveHeader(size));
        if (!h.isSymlink()) {
          Deflater d = DEFLATERS.get();
          d.reset();
          DeflaterOutputStream dout = new DeflaterOutputStream(out, d, 1 << 16);
          if (data != null) {
            dout.write(data);
          } else {
            try (InputStream in = Files.newInputStream(src)) {
              in.transferTo(dout);
            }
          }
          dout.finish();
        }
      }
      return;
    }
    if (h.isSymlink() && mode != RepoMode.BARE_USER) {
      LinuxFs.symlink(h.symlinkTarget(), tmp);
      if (mode == RepoMode.BARE) {
        LinuxFs.lchown(tmp, h.uid(), h.gid());
        for (Xattr x : h.xattrs()) {
          LinuxFs.setXattr(tmp, x.name(), x.value());
        }
      }
      return;
    }
    if (h.isSymlink()) {
      byte[] t = h.symlinkTarget().getBytes(StandardCharsets.UTF_8);
      byte[] withNul = java.util.Arrays.copyOf(t, t.length + 1);
      Files.write(tmp, withNul);
    } else if (data != null) {
      Files.write(tmp, data);
    } else {
      Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    // Files.copy creates the file with the source's mode; Files.write with the default mode
    boolean defaultMode = data != null || h.isSymlink();
    switch (mode) {
      case BARE -> {
        boolean chown = h.uid() != newFileUid || h.gid() != newFileGid;
        if (chown) {
          LinuxFs.lchown(tmp, h.uid(), h.gid());
        }
        if (chown || !defaultMode || (h.mode() & 07777) != newFileMode) {
          Files.setAttribute(tmp, "unix:mode", h.mode() & 07777);
        }
        for (Xattr x : h.xattrs()) {
          LinuxFs.setXattr(tmp, x.name(), x.value());
        }
      }
      case BARE_USER -> {
        int m = h.isSymlink() ? 0644 : (h.mode() & 0775) | 0400;
        if (!defaultMode || m != newFileMode) {
          Files.setAttribute(tmp, "unix:mode", m);
        }
        LinuxFs.setXattr(tmp, "user.ostreemeta", h.ostreeMeta());
      }
      default -> {
        if (!defaultMode || (h.mode() & 0755) != newFileMode) {
          Files.setAttribute(tmp, "unix:mode", h.mode() & 0755);
        }
      }
    }
    Files.setLastModifiedTime(tmp, FileTime.fromMillis(0));
  }

  /**
   * Makes the staged objects durable and moves them into {@code objects/}.
   * After this returns every staged object is visible in the repository.
   */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    LinuxFs.syncfs(dir);
    Failpoints.hit("staging-before-rename");
    // content first, commits last: a crash part-way never leaves a commit whose objects are missing
    List<String> keys = new ArrayList<>(staged.keySet());
    keys.sort(java.util.Comparator.comparingInt(Staging::renameOrder).thenComparing(k -> k));
    Path objects = repo.path().resolve("objects");
    String lastPrefix = null;
    int i = 0;
    for (String key : keys) {
      String prefix = key.substring(0, 2);
      Path sub = objects.resolve(prefix);
      if (!prefix.equals(lastPrefix)) {
        Files.createDirectories(sub);
        lastPrefix = prefix;
      }
      Path target = sub.resolve(key.substring(2));
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(staged.get(key));
      } else {
        Files.move(staged.get(key), target, StandardCopyOption.ATOMIC_MOVE);
      }
      if (++i == keys.size() / 2) {
        Failpoints.hit("staging-mid-rename");
      }
    }
    LinuxFs.syncfs(objects);
    finished = true;
  }

  private static int renameOrder(String key) {
    String ext = key.substring(key.indexOf('.') + 1);
    return switch (ext) {
      case "file", "filez" -> 0;
      case "dirmeta" -> 1;
      case "dirtree" -> 2;
      default -> 3;
    };
  }

  /** Removes what is left of the staging directory and releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      dirLockChannel.close();
      AtomicFiles.deleteTree(dir);
    } finally {
      lock.close();
    }
  }
}
