package dev.strata.store.checkout;

import dev.strata.store.Checksum;
import dev.strata.store.DirMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a directory tree on every core: each directory is one unit of work (create its
 * subdirectories, check its files out), queued as soon as its parent has created it; the calling
 * thread works too. Once every directory is filled, each is finished (owner, mode, mtime) on the
 * calling thread, children before parents, so that a restrictive mode never blocks a path below it.
 * The first failure stops all workers and is rethrown. Single use.
 */
final class TreeFill {
  /**
   * A directory to fill.
   *
   * @param tree its dirtree
   * @param meta its dirmeta
   * @param path where it is created
   */
  record Dir(Checksum tree, DirMeta meta, Path path) {}

  /** Fills one directory and returns its subdirectories, already created. */
  @FunctionalInterface
  interface Filler {
    List<Dir> fill(Dir d) throws IOException;
  }

  /** Finishes one directory once everything below it exists. */
  @FunctionalInterface
  interface Finisher {
    void finish(Dir d) throws IOException;
  }

  private final Filler filler;
  private final Finisher finisher;
  private final ArrayDeque<Dir> todo = new ArrayDeque<>();
  private final List<Dir> filled = new ArrayList<>();
  private int pending;
  private int waiting;
  private Throwable failure;

  TreeFill(Filler filler, Finisher finisher) {
    this.filler = filler;
    this.finisher = finisher;
  }

  /** Fills and finishes the tree below {@code root} (which exists). */
  void run(Dir root) throws IOException {
    todo.push(root);
    pending = 1;
    List<Thread> helpers = new ArrayList<>();
    for (int i = 1; i < Runtime.getRuntime().availableProcessors(); i++) {
      Thread t = new Thread(this::work, "checkout-" + i);
      t.setDaemon(true);
      t.start();
      helpers.add(t);
    }
    work();
    boolean interrupted = false;
    for (Thread t : helpers) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    rethrow();
    for (int i = filled.size() - 1; i >= 0; i--) {
      finisher.finish(filled.get(i));
    }
  }

  private void work() {
    try {
      Dir d;
      while ((d = take()) != null) {
        done(d, filler.fill(d));
      }
    } catch (Throwable e) {
      fail(e);
    }
  }

  private synchronized Dir take() throws InterruptedException {
    while (todo.isEmpty() && pending > 0 && failure == null) {
      waiting++;
      wait();
      waiting--;
    }
    return failure != null ? null : todo.poll();
  }

  private synchronized void done(Dir d, List<Dir> subs) {
    filled.add(d);
    for (Dir s : subs) {
      todo.push(s);
    }
    pending += subs.size() - 1;
    if (waiting > 0 && (!subs.isEmpty() || pending == 0)) {
      notifyAll();
    }
  }

  private synchronized void fail(Throwable e) {
    if (failure == null) {
      failure = e;
    }
    notifyAll();
  }

  private synchronized void rethrow() throws IOException {
    if (failure instanceof IOException e) {
      throw e;
    } else if (failure instanceof RuntimeException e) {
      throw e;
    } else if (failure instanceof Error e) {
      throw e;
    } else if (failure != null) {
      throw new IOException("checkout interrupted", failure);
    }
  }
}
