package dev.strata.store.util;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux calls that NIO lacks, through JNA: extended attributes of any namespace (also on symlinks),
 * {@code lchown}, {@code syncfs}, inode flags. The native library loads on first use, which costs
 * about 0.15 s of CPU: code paths that avoid it in the common case do, and those sure to need it
 * call {@link #preload()} early. Thread-safe.
 */
public final class LinuxFs {
  private static final int ENODATA = 61;
  private static final int ENOTSUP = 95;
  private static final int ERANGE = 34;

  private LinuxFs() {}

  /** glibc entry points, bound by JNA direct mapping (cheaper per call than an interface proxy). */
  private static final class Holder {

    static {
      NativeLibraryPath.set();
      Native.register("c");
    }

    static native long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    static native long llistxattr(String path, byte[] list, long size) throws LastErrorException;

    static native int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    static native int lremovexattr(String path, String name) throws LastErrorException;

    static native int lchown(String path, int uid, int gid) throws LastErrorException;

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int syncfs(int fd) throws LastErrorException;

    static native int mknod(String path, int mode, long dev) throws LastErrorException;

    static native int symlink(String target, String linkpath) throws LastErrorException;

    static native int ioctl(int fd, long request, int[] arg) throws LastErrorException;
  }

  private static final java.util.concurrent.atomic.AtomicBoolean PRELOADED =
      new java.util.concurrent.atomic.AtomicBoolean();
  private static final int O_RDONLY = 0;
  private static final int O_DIRECTORY = 0200000;
  private static final int O_NOFOLLOW = 0400000;
  private static final int O_CLOEXEC = 02000000;
  private static final long FS_IOC_GETFLAGS = 0x80086601L;
  private static final long FS_IOC_SETFLAGS = 0x40086602L;
  private static final int FS_IMMUTABLE_FL = 0x10;

  /**
   * Loads the native library on a background thread, for a caller sure to need it soon (its first
   * use then does not wait for it, or waits less).
   */
  public static void preload() {
    if (PRELOADED.getAndSet(true)) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        Class.forName(Holder.class.getName(), true, LinuxFs.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // reported by the first real use
      }
    }, "jna-preload");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Lists extended attribute names of a path, not following symlinks, sorted by strcmp.
   *
   * @param path the file
   * @return the names (empty if the file system has no xattr support)
   */
  public static List<String> listXattrs(Path path) throws IOException {
    String p = path.toString();
    byte[] buf = new byte[1024];
    while (true) {
      long n;
      try {
        n = Holder.llistxattr(p, buf, buf.length);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ERANGE) {
          buf = new byte[buf.length * 4];
          continue;
        }
        if (e.getErrorCode() == ENOTSUP) {
          return List.of();
        }
        throw io("listing extended attributes of", path, e);
      }
      List<String> names = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] == 0) {
          if (i > start) {
            names.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
          }
          start = i + 1;
        }
      }
      names.sort(Strcmp::compare);
      return names;
    }
  }

  /**
   * Reads one extended attribute, not following symlinks.
   *
   * @return the value, or null when the attribute does not exist
   */
  public static byte[] getXattr(Path path, String name) throws IOException {
    String p = path.toString();
    byte[] buf = new byte[256];
    while (true) {
      try {
        long n = Holder.lgetxattr(p, name, buf, buf.length);
        return java.util.Arrays.copyOf(buf, (int) n);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ERANGE) {
          buf = new byte[Math.max(buf.length * 4, 65536)];
          continue;
        }
        if (e.getErrorCode() == ENODATA || e.getErrorCode() == ENOTSUP) {
          return null;
        }
        throw io("reading extended attribute " + name + " of", path, e);
      }
    }
  }

  /** Sets one extended attribute, not following symlinks. */
  public static void setXattr(Path path, String name, byte[] value) throws IOException {
    try {
      Holder.lsetxattr(path.toString(), name, value, value.length, 0);
    } catch (LastErrorException e) {
      throw io("setting extended attribute " + name + " on", path, e);
    }
  }

  /** Removes one extended attribute, not following symlinks; a missing one is fine. */
  public static void removeXattr(Path path, String name) throws IOException {
    try {
      Holder.lremovexattr(path.toString(), name);
    } catch (LastErrorException e) {
      if (e.getErrorCode() != ENODATA) {
        throw io("removing extended attribute " + name + " from", path, e);
      }
    }
  }

  /** Changes owner and group without following symlinks. */
  public static void lchown(Path path, int uid, int gid) throws IOException {
    try {
      Holder.lchown(path.toString(), uid, gid);
    } catch (LastErrorException e) {
      throw io("changing the owner of", path, e);
    }
  }

  /** Creates a device node, FIFO or socket node ({@code mode} includes the type bits). */
  public static void mknod(Path path, int mode, long dev) throws IOException {
    try {
      Holder.mknod(path.toString(), mode, dev);
    } catch (LastErrorException e) {
      throw io("creating the node", path, e);
    }
  }

  /** Creates a symlink whose target is exactly {@code target} (NIO would normalise slashes). */
  public static void symlink(String target, Path link) throws IOException {
    try {
      Holder.symlink(target, link.toString());
    } catch (LastErrorException e) {
      throw io("creating the symlink", link, e);
    }
  }

  /**
   * Sets or clears the immutable inode flag ({@code chattr +i}) of a directory.
   *
   * @return false when the file system (or the directory) does not support inode flags
   */
  public static boolean setImmutable(Path dir, boolean on) {
    int fd;
    try {
      fd = Holder.open(dir.toString(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    } catch (LastErrorException e) {
      return false;
    }
    try {
      int[] flags = new int[1];
      Holder.ioctl(fd, FS_IOC_GETFLAGS, flags);
      int v = flags[0];
      int nv = on ? (v | FS_IMMUTABLE_FL) : (v & ~FS_IMMUTABLE_FL);
      if (nv != v) {
        Holder.ioctl(fd, FS_IOC_SETFLAGS, new int[] {nv});
      }
      return true;
    } catch (LastErrorException e) {
      return false;
    } finally {
      Holder.close(fd);
    }
  }

  /** Flushes the whole file system holding {@code path} (one call instead of an fsync per file). */
  public static void syncfs(Path path) throws IOException {
    int fd;
    try {
      fd = Holder.open(path.toString(), 0);
    } catch (LastErrorException e) {
      throw io("opening", path, e);
    }
    try {
      Holder.syncfs(fd);
    } catch (LastErrorException e) {
      throw io("syncing the file system of", path, e);
    } finally {
      Holder.close(fd);
    }
  }

  private static IOException io(String what, Path path, LastErrorException e) {
    return new IOException(what + " " + path + " failed (errno " + e.getErrorCode() + "); check the file system and permissions");
  }
}
