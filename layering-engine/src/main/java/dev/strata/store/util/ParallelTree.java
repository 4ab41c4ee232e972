package dev.strata.store.util;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works through a directory tree on every core: each directory is one unit of work (for a
 * checkout: create its subdirectories and files; for a removal: unlink its files), and the
 * subdirectories it returns are queued for any worker; the calling thread works too. A directory is
 * finished (for a checkout: mode and mtime set; for a removal: rmdir) by whichever worker completes
 * the last piece below it, so always after everything below it, and a restrictive mode never blocks
 * a path still in use. The first failure stops all workers and is rethrown. Single use.
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
    /** Called once everything below {@code dir} is finished. */
    void finish(D dir) throws IOException;
  }

  /** A directory with its parent and the count of its unfinished parts (its own visit, its subdirectories). */
  private static final class Node<D> {
    final D dir;
    final Node<D> parent;
    final AtomicInteger remaining = new AtomicInteger(1);

    Node(D dir, Node<D> parent) {
      this.dir = dir;
      this.parent = parent;
    }
  }

  private final Visitor<D> visitor;
  private final Finisher<D> finisher;
  private final ArrayDeque<Node<D>> todo = new ArrayDeque<>();
  private int pending;
  private int waiting;
  private Throwable failure;

  /**
   * @param visitor visits each directory
   * @param finisher finishes each directory, after everything below it
   */
  public ParallelTree(Visitor<D> visitor, Finisher<D> finisher) {
    this.visitor = visitor;
    this.finisher = finisher;
  }

  /** Visits and finishes the tree below {@code root}. */
  public void run(D root) throws IOException {
    todo.push(new Node<>(root, null));
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
  }

  private void work() {
    try {
      Node<D> n;
      while ((n = take()) != null) {
        List<D> subs = visitor.visit(n.dir);
        n.remaining.addAndGet(subs.size());
        push(n, subs);
        for (Node<D> c = n; c != null && c.remaining.decrementAndGet() == 0; c = c.parent) {
          finisher.finish(c.dir);
        }
        visited();
      }
    } catch (Throwable e) {
      fail(e);
    }
  }

  private synchronized Node<D> take() throws InterruptedException {
    while (todo.isEmpty() && pending > 0 && failure == null) {
      waiting++;
      wait();
      waiting--;
    }
    return failure != null ? null : todo.poll();
  }

  private synchronized void push(Node<D> parent, List<D> subs) {
    for (D s : subs) {
      todo.push(new Node<>(s, parent));
    }
    pending += subs.size();
    if (waiting > 0 && !subs.isEmpty()) {
      notifyAll();
    }
  }

  private synchronized void visited() {
    if (--pending == 0 && waiting > 0) {
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
