package dev.strata.sysroot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The sysroot's write lock: an fcntl lock on {@code ostree/lock}, the file ostree locks, so Strata
 * and ostree exclude each other. A second writer waits a few seconds, saying so, then fails.
 */
public final class SysrootLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private SysrootLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static SysrootLock acquire(Path root, long timeoutMillis, Consumer<String> log) throws IOException {
    Path file = root.resolve("ostree/lock");
    FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long deadline = System.currentTimeMillis() + timeoutMillis;
    boolean told = false;
    try {
      while (true) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null;
        }
        if (l != null) {
          return new SysrootLock(ch, l);
        }
        if (!told) {
          log.accept("Waiting for the sysroot lock on " + root + " (another operation is running)...");
          told = true;
        }
        if (System.currentTimeMillis() >= deadline) {
          throw new IOException(
              "sysroot "
                  + root
                  + " is locked by another operation (ostree/lock); wait for it to finish and retry");
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      ch.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the sysroot lock on " + root + "; retry");
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
