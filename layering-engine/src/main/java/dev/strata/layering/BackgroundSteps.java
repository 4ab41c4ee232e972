package dev.strata.layering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * I/O steps run one after another on a daemon thread beside the transaction's own thread (the
 * layering transaction runs there what reads only the repository while it assembles the tree).
 * {@link #close()} waits for every started step, so the caller may then delete what they write.
 * Driven by one thread.
 */
final class BackgroundSteps implements AutoCloseable {
  /** A step that may fail with an IOException. */
  @FunctionalInterface
  interface IoStep<T> {
    T call() throws IOException;
  }

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "strata-layer-bg");
    t.setDaemon(true);
    return t;
  });
  private final List<CompletableFuture<?>> started = new ArrayList<>();

  /** Queues {@code step}; its result or failure comes from {@link #await}. */
  <T> CompletableFuture<T> start(IoStep<T> step) {
    CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
      try {
        return step.call();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, thread);
    started.add(f);
    return f;
  }

  /** The result of a step, its failure rethrown as it was. */
  static <T> T await(CompletableFuture<T> f) throws IOException {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IOException(c);
    }
  }

  /** Waits for every started step (their failures are the caller's to await) and stops the thread. */
  @Override
  public void close() {
    thread.shutdown();
    CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])).handle((x, e) -> null).join();
  }
}
