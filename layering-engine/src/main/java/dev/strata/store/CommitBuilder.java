package dev.strata.store;

import dev.strata.store.errors.StoreException;
import dev.strata.store.gvariant.Variant;
import dev.strata.store.internal.Staging;
import dev.strata.store.internal.TreeWriter;
import dev.strata.store.refs.RefDatabase;
import dev.strata.store.util.Failpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Commits a directory tree, as {@code ostree commit --tree=dir=DIR} does: all objects are staged,
 * synced and moved into place, then the branch moves by compare-and-swap (last). Single use.
 *
 * <p>Defaults: timestamp = now, parent = the branch's current commit, ref binding
 * {@code ostree.ref-binding = [BRANCH]} (or {@code []} for an orphan commit).
 */
public final class CommitBuilder {
  private final Repo repo;
  private Path tree;
  private String branch;
  private String subject = "";
  private String body = "";
  private Long timestamp;
  private Optional<Checksum> parent;
  private final Map<String, Variant> metadata = new LinkedHashMap<>();
  private boolean bindings = true;
  private boolean orphan;
  private boolean skipSpecialFiles;
  private Map<String, Checksum> knownInodes = Map.of();
  private boolean relinkTree;
  private Consumer<String> progress = s -> { };
  private boolean used;

  CommitBuilder(Repo repo) {
    this.repo = repo;
  }

  /** @param dir the directory to commit */
  public CommitBuilder tree(Path dir) {
    this.tree = dir;
    return this;
  }

  /** @param ref the branch to move to the new commit */
  public CommitBuilder branch(String ref) {
    RefDatabase.validate(ref);
    this.branch = ref;
    return this;
  }

  /** @param s the subject line */
  public CommitBuilder subject(String s) {
    this.subject = s;
    return this;
  }

  /** @param s the body */
  public CommitBuilder body(String s) {
    this.body = s;
    return this;
  }

  /** @param epochSeconds the commit time, seconds since the epoch */
  public CommitBuilder timestamp(long epochSeconds) {
    this.timestamp = epochSeconds;
    return this;
  }

  /** @param p the parent commit; {@code Optional.empty()} for none (default: the branch's commit) */
  public CommitBuilder parent(Optional<Checksum> p) {
    this.parent = p;
    return this;
  }

  /** Adds a string metadata entry ({@code --add-metadata-string}). */
  public CommitBuilder metadataString(String key, String value) {
    return metadata(key, Variant.ofString(value));
  }

  /** Adds a typed metadata entry (e.g. {@code as}, {@code b}, {@code a(sssss)}). Order is kept. */
  public CommitBuilder metadata(String key, Variant value) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("metadata keys must not be empty; give a key such as 'version'");
    }
    metadata.put(key, value);
    return this;
  }

  /** @param on false leaves out {@code ostree.ref-binding} ({@code --no-bindings}) */
  public CommitBuilder bindings(boolean on) {
    this.bindings = on;
    return this;
  }

  /** @param on true writes no ref ({@code --orphan}) */
  public CommitBuilder orphan(boolean on) {
    this.orphan = on;
    return this;
  }

  /**
   * Content objects already in this repository, by the {@code "DEV:INO"} of a hardlink to them
   * (rpm-ostree's devino cache): such files are not read or hashed again. Only valid for files that
   * are hardlinks of this repository's own objects (a bare repository's checkout).
   *
   * @param known {@code "dev:ino"} to content checksum
   */
  public CommitBuilder knownInodes(Map<String, Checksum> known) {
    this.knownInodes = Map.copyOf(known);
    return this;
  }

  /**
   * Once committed, makes the directory a hardlink checkout of the new commit in place, identical to
   * what {@code Checkout} would write: files whose content was read are replaced by hardlinks to
   * their objects and directory times are set to 0. Only for bare repositories; the directory
   * must hold nothing but hardlinks of this repository's objects (given with
   * {@link #knownInodes}) and new files, so that it can become a deployment without a second checkout.
   *
   * @param on true to relink
   */
  public CommitBuilder relinkTree(boolean on) {
    this.relinkTree = on;
    return this;
  }

  /** @param on true leaves device nodes, FIFOs and sockets out instead of failing */
  public CommitBuilder skipSpecialFiles(boolean on) {
    this.skipSpecialFiles = on;
    return this;
  }

  /** @param sink receives progress lines */
  public CommitBuilder progress(Consumer<String> sink) {
    this.progress = sink;
    return this;
  }

  /**
   * The outcome.
   *
   * @param checksum the new commit
   * @param commit the commit object
   * @param files content entries in the tree
   * @param dirs directories in the tree
   * @param skipped special files left out
   */
  public record Result(Checksum checksum, Commit commit, int files, int dirs, List<Path> skipped) {}

  /**
   * Writes the commit.
   *
   * @return the new commit and counts
   */
  public Result call() throws IOException {
    if (used) {
      throw new IllegalStateException("a CommitBuilder is single use");
    }
    used = true;
    if (tree == null) {
      throw new IllegalArgumentException("no tree to commit; give a directory");
    }
    if (branch == null && !orphan) {
      throw new IllegalArgumentException("no branch given; pass -b REF or --orphan");
    }
    RefDatabase refs = repo.refs();
    Optional<Checksum> old = branch == null ? Optional.empty() : refs.resolve(branch);
    Optional<Checksum> par = parent != null ? parent : (orphan ? Optional.empty() : old);
    if (par.isPresent() && !repo.hasObject(par.get(), ObjectType.COMMIT)) {
      throw new StoreException("parent commit " + par.get() + " is not in " + repo.path()
          + "; give a commit checksum from 'strata repo log'");
    }
    Map<String, Variant> meta = new LinkedHashMap<>(metadata);
    if (bindings) {
      meta.put(Commit.REF_BINDING, Variant.ofStringArray(orphan || branch == null ? List.of() : List.of(branch)));
    }
    if (relinkTree && repo.mode() != RepoMode.BARE) {
      throw new IllegalStateException("relinkTree needs a bare repository, not " + repo.mode());
    }
    long ts = timestamp != null ? timestamp : System.currentTimeMillis() / 1000;
    try (Staging st = Staging.begin(repo)) {
      long t0 = System.nanoTime();
      TreeWriter w = new TreeWriter(st, skipSpecialFiles, progress).knownInodes(knownInodes).relink(relinkTree);
      TreeWriter.Result r = w.write(tree);
      progress.accept("hashed " + r.files() + " files and " + r.dirs() + " directories, staged "
          + st.stagedCount() + " new objects in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      Commit c = new Commit(meta, par, List.of(), subject, body, ts, r.tree(), r.meta());
      Checksum id = st.writeMetadata(ObjectType.COMMIT, c.toBytes());
      Failpoints.hit("commit-before-finish");
      long t1 = System.nanoTime();
      st.finish();
      progress.accept("synced and moved the objects into place in " + (System.nanoTime() - t1) / 1_000_000 + " ms");
      if (relinkTree) {
        w.relinkTree();
      }
      Failpoints.hit("commit-before-ref");
      if (branch != null && !orphan) {
        refs.compareAndSet(branch, old, id);
      }
      return new Result(id, c, r.files(), r.dirs(), r.skipped());
    }
  }
}
