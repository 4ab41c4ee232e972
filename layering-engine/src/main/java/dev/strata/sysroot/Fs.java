package dev.strata.sysroot;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** File-system helpers for the sysroot: atomic writes, symlink swaps, fsync, immutable flag. */
final class Fs {
  private Fs() {}

  static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /** Writes {@code content} to {@code file} through a temporary file in the same directory, fsynced. */
  static void atomicWrite(Path file, String content) throws IOException {
    atomicWrite(file, content.getBytes(StandardCharsets.UTF_8));
  }

  static void atomicWrite(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp" + ThreadLocalRandom.current().nextInt(1 << 30));
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(content));
      ch.force(true);
    }
    try {
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Points {@code link} at {@code target} atomically (a temporary symlink renamed over it). */
  static void replaceSymlink(Path link, String target) throws IOException {
    Path tmp = link.resolveSibling("." + link.getFileName() + ".tmp" + ThreadLocalRandom.current().nextInt(1 << 30));
    Files.createSymbolicLink(tmp, Path.of(target));
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads a symlink's target, or null when it does not exist. */
  static String readLink(Path link) throws IOException {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  static void fsync(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Flushes everything written to the file system holding {@code p} (syncfs). */
  static void syncfs(Path p) throws IOException {
    int fd = Libc.LIB.open(p.toString(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      fsync(p);
      return;
    }
    try {
      if (Libc.LIB.syncfs(fd) != 0) {
        throw new IOException("syncfs failed on " + p + "; check the file system");
      }
    } finally {
      Libc.LIB.close(fd);
    }
  }

  /**
   * Removes a tree (like {@code rm -rf}), clearing the immutable flag of its root first (as set on
   * deployment directories). Entries are unlinked relative to their directory (unlinkat), one
   * system call per file.
   */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, NOFOLLOW)) {
      return;
    }
    if (!Files.isDirectory(root, NOFOLLOW)) {
      Files.deleteIfExists(root);
      return;
    }
    setImmutable(root, false);
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      if (ds instanceof java.nio.file.SecureDirectoryStream<Path> sds) {
        deleteContents(sds, root);
      } else {
        for (Path p : ds) {
          deleteTree(p);
        }
      }
    }
    try {
      Files.deleteIfExists(root);
    } catch (DirectoryNotEmptyException e) {
      deleteTree(root);
    }
  }

  private static void deleteContents(java.nio.file.SecureDirectoryStream<Path> ds, Path where)
      throws IOException {
    for (Path p : ds) {
      Path name = p.getFileName();
      try {
        ds.deleteFile(name);
      } catch (java.nio.file.NoSuchFileException e) {
        // gone already
      } catch (java.nio.file.FileSystemException e) {
        Path dir = where.resolve(name);
        if (!Files.isDirectory(dir, NOFOLLOW)) {
          setImmutable(where, false);
          Files.deleteIfExists(dir);
          continue;
        }
        setImmutable(dir, false);
        try (java.nio.file.SecureDirectoryStream<Path> sub = ds.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
          deleteContents(sub, dir);
        }
        ds.deleteDirectory(name);
      }
    }
  }

  /** Creates a directory if missing (parents included); returns it. */
  static Path mkdirs(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
    return dir;
  }

  /** Sets or clears the immutable inode flag (chattr +i) of a directory; ignored where unsupported. */
  static void setImmutable(Path dir, boolean on) {
    int fd = -1;
    try {
      fd = Libc.LIB.open(dir.toString(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) {
        return;
      }
      IntByReference flags = new IntByReference();
      if (Libc.LIB.ioctl(fd, new NativeLong(FS_IOC_GETFLAGS), flags) != 0) {
        return;
      }
      int v = flags.getValue();
      int nv = on ? (v | FS_IMMUTABLE_FL) : (v & ~FS_IMMUTABLE_FL);
      if (nv != v) {
        Libc.LIB.ioctl(fd, new NativeLong(FS_IOC_SETFLAGS), new IntByReference(nv));
      }
    } catch (UnsatisfiedLinkError e) {
      // no libc access: the flag is only a safety net
    } finally {
      if (fd >= 0) {
        Libc.LIB.close(fd);
      }
    }
  }

  static boolean isImmutable(Path dir) {
    int fd = Libc.LIB.open(dir.toString(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      return false;
    }
    try {
      IntByReference flags = new IntByReference();
      return Libc.LIB.ioctl(fd, new NativeLong(FS_IOC_GETFLAGS), flags) == 0
          && (flags.getValue() & FS_IMMUTABLE_FL) != 0;
    } finally {
      Libc.LIB.close(fd);
    }
  }

  private static final int O_RDONLY = 0;
  private static final int O_DIRECTORY = 0200000;
  private static final int O_NOFOLLOW = 0400000;
  private static final int O_CLOEXEC = 02000000;
  private static final long FS_IOC_GETFLAGS = 0x80086601L;
  private static final long FS_IOC_SETFLAGS = 0x40086602L;
  private static final int FS_IMMUTABLE_FL = 0x10;

  interface CLib extends Library {
    int open(String path, int flags);

    int close(int fd);

    int ioctl(int fd, NativeLong request, IntByReference arg);

    int syncfs(int fd);
  }

  /**
   * libc through JNA, bound on first use: loading JNA costs a process start ({@code ldconfig -p})
   * and a native library extraction, which read-only commands such as {@code status} never need.
   */
  private static final class Libc {
    static final CLib LIB = Native.load("c", CLib.class);
  }
}
