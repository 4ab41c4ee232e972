package dev.strata.store.util;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Works through a directory tree on every core: each directory is one unit of work (for a
 * checkout: create its subdirectories and files; for a removal: unlink its files), and the
 * subdirectories it returns are queued for any worker; the calling thread works too. Once every
 * directory is visited, each is finished on the calling thread, children before parents (for a
 * checkout: set mode and mtime; for a removal: rmdir). The first failure stops all workers and is
 * rethrown. Single use.
 *
 * @param <D> a directory
 */
public final class ParallelTree<D> {
  /** Visits one directory and returns its subdirectories. */
  @FunctionalInterface
  public interface Visitor<D> {
    /** @return the subdirectories to visit next */
    List<D> visit(D dir) throws IOException;
  }

  /** Finishes one directory once everything below it is done. */
  @FunctionalInterface
  public interface Finisher<D> {
    /** Called children first. */
    void finish(D dir) throws IOException;
  }

  private final Visitor<D> visitor;
  private final Finisher<D> finisher;
  private final ArrayDeque<D> todo = new ArrayDeque<>();
  private final List<D> visited = new ArrayList<>();
  private int pending;
  private int waiting;
  private Throwable failure;

  /**
   * @param visitor visits each directory (concurrently)
   * @param finisher finishes each directory (on the calling thread, children first)
   */
  public ParallelTree(Visitor<D> visitor, Finisher<D> finisher) {
    this.visitor = visitor;
    this.finisher = finisher;
  }

  /** Visits and finishes the tree below {@code root}. */
  public void run(D root) throws IOException {
    todo.push(root);
    pending = 1;
    List<Thread> helpers = new ArrayList<>();
    for (int i = 1; i < Runtime.getRuntime().availableProcessors(); i++) {
      Thread t = new Thread(this::work, "tree-" + i);
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
    for (int i = visited.size() - 1; i >= 0; i--) {
      finisher.finish(visited.get(i));
    }
  }

  private void work() {
    try {
      D d;
      while ((d = take()) != null) {
        done(d, visitor.visit(d));
      }
    } catch (Throwable e) {
      fail(e);
    }
  }

  private synchronized D take() throws InterruptedException {
    while (todo.isEmpty() && pending > 0 && failure == null) {
      waiting++;
      wait();
      waiting--;
    }
    return failure != null ? null : todo.poll();
  }

  private synchronized void done(D d, List<D> subs) {
    visited.add(d);
    for (D s : subs) {
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
      throw new IOException("interrupted", failure);
    }
  }
}
