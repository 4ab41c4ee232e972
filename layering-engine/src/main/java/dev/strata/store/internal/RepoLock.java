package dev.strata.store.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Shared/exclusive locks on a lock file, across processes (fcntl, like OSTree's {@code .lock}) and
 * across threads of this JVM (which fcntl alone does not separate). Thread-safe.
 */
public final class RepoLock implements AutoCloseable {
  private static final Map<Path, State> STATES = new HashMap<>();

  private static final class State {
    int shared;
    boolean exclusive;
    FileChannel channel;
    FileLock lock;
  }

  private final Path file;
  private final boolean exclusive;
  private boolean closed;

  private RepoLock(Path file, boolean exclusive) {
    this.file = file;
    this.exclusive = exclusive;
  }

  /** Takes a shared lock on {@code file} (created if missing), waiting as needed. */
  public static RepoLock shared(Path file) throws IOException {
    return acquire(file, false);
  }

  /** Takes an exclusive lock on {@code file} (created if missing), waiting as needed. */
  public static RepoLock exclusive(Path file) throws IOException {
    return acquire(file, true);
  }

  private static RepoLock acquire(Path file, boolean exclusive) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    synchronized (STATES) {
      State s = STATES.computeIfAbsent(key, k -> new State());
      try {
        while (s.exclusive || (exclusive && s.shared > 0)) {
          STATES.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the lock " + key);
      }
      if (exclusive || s.shared == 0) {
        s.channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
          s.lock = s.channel.lock(0, Long.MAX_VALUE, !exclusive);
        } catch (IOException | RuntimeException e) {
          s.channel.close();
          throw e;
        }
      }
      if (exclusive) {
        s.exclusive = true;
      } else {
        s.shared++;
      }
      return new RepoLock(key, exclusive);
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (STATES) {
      if (closed) {
        return;
      }
      closed = true;
      State s = STATES.get(file);
      if (exclusive) {
        s.exclusive = false;
      } else {
        s.shared--;
      }
      if (!s.exclusive && s.shared == 0) {
        try {
          s.lock.release();
        } finally {
          s.channel.close();
          STATES.remove(file);
        }
      }
      STATES.notifyAll();
    }
  }
}
