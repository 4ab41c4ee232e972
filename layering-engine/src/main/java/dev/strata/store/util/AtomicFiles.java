package dev.strata.store.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Crash-safe file replacement: write to a temporary file in the same directory, fsync it, rename it
 * over the target, fsync the directory. Stateless and thread-safe.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Atomically replaces (or creates) {@code target} with {@code data}, mode 0644.
   *
   * @param target the file to write
   * @param data its new content
   * @throws IOException if writing, syncing or renaming fails (the old content then stays)
   */
  public static void write(Path target, byte[] data) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    write(target, data, dir.resolve("." + target.getFileName() + ".tmp-" + randomSuffix()));
  }

  /**
   * Atomically replaces {@code target}, staging the data in {@code tmpDir} (which must be on the same
   * file system), so no temporary name ever appears next to the target.
   *
   * @param target the file to write
   * @param data its new content
   * @param tmpDir where the temporary file goes
   */
  public static void writeVia(Path target, byte[] data, Path tmpDir) throws IOException {
    write(target, data, tmpDir.resolve("atomic-" + target.getFileName() + "-" + randomSuffix()));
  }

  private static void write(Path target, byte[] data, Path tmp) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bb = ByteBuffer.wrap(data);
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
        ch.force(true);
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      Failpoints.hit("atomic-write-before-rename");
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    fsyncDir(dir);
  }

  /**
   * Renames {@code from} to {@code to} atomically and fsyncs the target's directory.
   *
   * @param from source path
   * @param to target path (replaced if it exists and is not a non-empty directory)
   */
  public static void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDir(to.toAbsolutePath().getParent());
  }

  /**
   * Flushes a directory's entries to disk.
   *
   * @param dir the directory
   */
  public static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Flushes a file's data to disk.
   *
   * @param file the file
   */
  public static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** @return a random 12-character suffix for temporary names */
  public static String randomSuffix() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  /**
   * Deletes a tree without following symlinks; a missing path is fine.
   *
   * @param root the tree's root
   */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
