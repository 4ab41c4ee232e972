package dev.strata.sysroot;

import dev.strata.store.util.LinuxFs;
import dev.strata.store.util.ParallelTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** File-system helpers for the sysroot: atomic writes, symlink swaps, fsync, tree removal. */
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

  /**
   * Removes a tree (like {@code rm -rf}), clearing the immutable flag of its root first (as set on
   * deployment directories). Directories are emptied on every core ({@link ParallelTree}), entries
   * unlinked relative to their directory (unlinkat), one system call per file; a directory that
   * refuses an unlink or rmdir (EPERM) has its immutable flag cleared and the call is retried once.
   */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, NOFOLLOW)) {
      return;
    }
    if (!Files.isDirectory(root, NOFOLLOW)) {
      Files.deleteIfExists(root);
      return;
    }
    LinuxFs.setImmutable(root, false);
    new ParallelTree<Path>(Fs::unlinkFiles, Fs::removeEmptyDir).run(root);
  }

  /** Unlinks everything in {@code dir} but subdirectories, which it returns. */
  private static List<Path> unlinkFiles(Path dir) throws IOException {
    List<Path> subs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        try {
          unlink(ds, p);
        } catch (NoSuchFileException e) {
          // gone already
        } catch (FileSystemException e) {
          if (Files.isDirectory(p, NOFOLLOW)) {
            subs.add(p);
          } else {
            LinuxFs.setImmutable(dir, false); // EPERM in an immutable directory; else fails again
            unlink(ds, p);
          }
        }
      }
    }
    return subs;
  }

  private static void unlink(DirectoryStream<Path> ds, Path p) throws IOException {
    if (ds instanceof SecureDirectoryStream<Path> sds) {
      sds.deleteFile(p.getFileName());
    } else {
      Files.delete(p);
    }
  }

  private static void removeEmptyDir(Path dir) throws IOException {
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      deleteTree(dir);
    } catch (FileSystemException e) {
      LinuxFs.setImmutable(dir, false); // EPERM: it or its parent is immutable; else fails again
      LinuxFs.setImmutable(dir.getParent(), false);
      Files.deleteIfExists(dir);
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
}
