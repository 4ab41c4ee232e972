package dev.strata.store;

import dev.strata.store.errors.CorruptObjectException;
import dev.strata.store.errors.MissingObjectException;
import dev.strata.store.errors.StoreException;
import dev.strata.store.internal.ContentReader;
import dev.strata.store.refs.RefDatabase;
import dev.strata.store.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An OSTree repository on disk (the facade of the store): init/open, read objects, refs, and the
 * entry points for commit, checkout, fsck, prune and summary. The on-disk format is OSTree's own.
 *
 * <p>Instances are cheap and thread-safe; they hold only the path and mode.
 */
public final class Repo {
  private final Path path;
  private final Path objects;
  private final RepoMode mode;

  private Repo(Path path, RepoMode mode) {
    this.path = path;
    this.objects = path.resolve("objects");
    this.mode = mode;
  }

  /**
   * Creates a repository (or opens an existing one of the same mode, as {@code ostree init} does).
   *
   * @param dir the repository directory, created if missing
   * @param mode how content is stored
   * @return the repository
   */
  public static Repo init(Path dir, RepoMode mode) throws IOException {
    Path d = dir.toAbsolutePath().normalize();
    if (Files.exists(d.resolve("config"))) {
      Repo r = open(d);
      if (r.mode != mode) {
        throw new StoreException("repository " + d + " already exists in mode " + r.mode.configName()
            + "; choose another directory or use the existing mode");
      }
      return r;
    }
    if (Files.exists(d) && (!Files.isDirectory(d) || hasEntries(d))) {
      throw new StoreException("cannot create a repository in " + d
          + ": it exists and is not an empty directory; choose a new or empty directory");
    }
    Files.createDirectories(d);
    for (String sub : List.of("objects", "tmp", "tmp/cache", "refs/heads", "refs/remotes", "refs/mirrors",
        "state", "extensions")) {
      Files.createDirectories(d.resolve(sub));
    }
    Files.write(d.resolve(".lock"), new byte[0]);
    AtomicFiles.write(d.resolve("config"),
        ("[core]\nrepo_version=1\nmode=" + mode.configName() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new Repo(d, mode);
  }

  private static boolean hasEntries(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.findAny().isPresent();
    }
  }

  /**
   * Opens an existing repository.
   *
   * @param dir the repository directory
   * @return the repository
   */
  public static Repo open(Path dir) throws IOException {
    Path d = dir.toAbsolutePath().normalize();
    Path config = d.resolve("config");
    if (!Files.isRegularFile(config) || !Files.isDirectory(d.resolve("objects"))) {
      throw new StoreException("no repository at " + d + "; create one with 'strata repo init --repo=" + dir + "'");
    }
    RepoMode mode = null;
    String version = null;
    String section = "";
    for (String line : Files.readAllLines(config)) {
      String l = line.trim();
      if (l.startsWith("[")) {
        section = l;
      } else if (section.equals("[core]") && l.startsWith("mode=")) {
        mode = RepoMode.parse(l.substring(5).trim());
      } else if (section.equals("[core]") && l.startsWith("repo_version=")) {
        version = l.substring(13).trim();
      }
    }
    if (!"1".equals(version)) {
      throw new StoreException("repository " + d + " has repo_version " + version + "; only version 1 is supported");
    }
    return new Repo(d, mode == null ? RepoMode.BARE : mode);
  }

  /** @return the repository directory (absolute) */
  public Path path() {
    return path;
  }

  /** @return the storage mode */
  public RepoMode mode() {
    return mode;
  }

  /** @return the loose-object path of an object */
  public Path objectPath(Checksum c, ObjectType type) {
    // A StringBuilder rather than '+' (an invokedynamic concatenation, slower under C1 only, which the
    // launcher uses): this runs once per file of a checkout.
    String ext = type.extension(mode);
    String hex = c.hex();
    StringBuilder rel = new StringBuilder(66 + ext.length());
    rel.append(hex, 0, 2).append('/').append(hex, 2, 64).append('.').append(ext);
    return objects.resolve(rel.toString());
  }

  /** @return true when the object is stored */
  public boolean hasObject(Checksum c, ObjectType type) {
    return Files.exists(objectPath(c, type), java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Reads the bytes of a metadata object (dirtree, dirmeta, commit...) without verifying them.
   *
   * @throws MissingObjectException if it is not stored
   */
  public byte[] readMetadataBytes(Checksum c, ObjectType type) throws IOException {
    try {
      return Files.readAllBytes(objectPath(c, type));
    } catch (NoSuchFileException e) {
      throw new MissingObjectException(c + "." + type.displayName(), path.toString());
    }
  }

  /** @return the parsed commit */
  public Commit readCommit(Checksum c) throws IOException {
    byte[] b = readMetadataBytes(c, ObjectType.COMMIT);
    try {
      return Commit.parse(b);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new CorruptObjectException(c + ".commit", e.getMessage());
    }
  }

  /** @return the parsed dirtree */
  public DirTree readDirTree(Checksum c) throws IOException {
    if (c.equals(DirTree.EMPTY_CHECKSUM) && !hasObject(c, ObjectType.DIR_TREE)) {
      throw new MissingObjectException(c + ".dirtree", path.toString());
    }
    byte[] b = readMetadataBytes(c, ObjectType.DIR_TREE);
    try {
      return DirTree.parse(b);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new CorruptObjectException(c + ".dirtree", e.getMessage());
    }
  }

  /** @return the parsed dirmeta */
  public DirMeta readDirMeta(Checksum c) throws IOException {
    byte[] b = readMetadataBytes(c, ObjectType.DIR_META);
    try {
      return DirMeta.parse(b);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new CorruptObjectException(c + ".dirmeta", e.getMessage());
    }
  }

  /**
   * Opens a content object: its header (owner, mode, xattrs, symlink target) and its content.
   *
   * @throws MissingObjectException if it is not stored
   */
  public FileObject readFile(Checksum c) throws IOException {
    return ContentReader.read(this, c);
  }

  /** @return the ref database */
  public RefDatabase refs() {
    return new RefDatabase(this);
  }

  /**
   * Resolves a revision: a full checksum, a ref ({@code name} or {@code remote:name}), optionally
   * followed by {@code ^} (parent) any number of times.
   *
   * @param rev the revision
   * @return the commit checksum
   * @throws StoreException if it does not resolve
   */
  public Checksum resolve(String rev) throws IOException {
    int carets = 0;
    String base = rev;
    while (base.endsWith("^")) {
      carets++;
      base = base.substring(0, base.length() - 1);
    }
    Checksum c;
    if (Checksum.isValid(base)) {
      c = new Checksum(base);
    } else {
      Optional<Checksum> r = refs().resolve(base);
      if (r.isEmpty()) {
        throw new StoreException("revision '" + rev + "' not found in " + path
            + "; list refs with 'strata repo refs --repo=" + path + "'");
      }
      c = r.get();
    }
    for (int i = 0; i < carets; i++) {
      Optional<Checksum> p = readCommit(c).parent();
      if (p.isEmpty()) {
        throw new StoreException("commit " + c + " has no parent (resolving '" + rev + "'); use fewer '^'");
      }
      c = p.get();
    }
    return c;
  }

  /** @return a builder for a new commit of a directory tree */
  public CommitBuilder newCommit() {
    return new CommitBuilder(this);
  }

  /** @return a tree reader for browsing a commit without checking it out */
  public TreeReader treeReader(Checksum commit) throws IOException {
    return new TreeReader(this, readCommit(commit));
  }

  /**
   * Re-hashes every object and walks every commit and ref; never modifies the repository.
   *
   * @param progress receives progress lines
   * @return every corrupt or missing object
   */
  public FsckReport fsck(java.util.function.Consumer<String> progress) throws IOException {
    return new dev.strata.store.internal.Fsck(this, progress).run();
  }

  /**
   * Deletes unreachable objects.
   *
   * @param refsOnly reachability from refs only (deletes commits no ref reaches)
   * @return counts
   */
  public PruneReport prune(boolean refsOnly) throws IOException {
    return dev.strata.store.internal.Prune.run(this, refsOnly);
  }

  /**
   * Regenerates the {@code summary} file (for serving the repository over HTTP).
   *
   * @return the summary bytes
   */
  public byte[] updateSummary() throws IOException {
    return dev.strata.store.internal.Summary.update(this, System.currentTimeMillis() / 1000);
  }

  /**
   * The history of a commit, newest first, following parents until one is missing.
   *
   * @param start the newest commit
   * @return (checksum, commit) pairs
   */
  public java.util.List<java.util.Map.Entry<Checksum, Commit>> log(Checksum start) throws IOException {
    java.util.List<java.util.Map.Entry<Checksum, Commit>> out = new java.util.ArrayList<>();
    Optional<Checksum> cur = Optional.of(start);
    while (cur.isPresent() && (out.isEmpty() || hasObject(cur.get(), ObjectType.COMMIT))) {
      Commit c = readCommit(cur.get());
      out.add(java.util.Map.entry(cur.get(), c));
      cur = c.parent();
    }
    return out;
  }

  @Override
  public String toString() {
    return path + " (" + mode.configName() + ")";
  }
}
