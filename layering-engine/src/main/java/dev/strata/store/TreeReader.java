package dev.strata.store;

import dev.strata.store.errors.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Browses the tree of one commit without checking it out: look up a path, list a directory, walk
 * recursively. Not thread-safe (reads are uncached but cheap).
 */
public final class TreeReader {
  private final Repo repo;
  private final Commit commit;

  TreeReader(Repo repo, Commit commit) {
    this.repo = repo;
    this.commit = commit;
  }

  /**
   * One entry of a tree.
   *
   * @param path absolute path inside the commit, "/" for the root
   * @param name the last path component ("" for the root)
   * @param directory true for a directory
   * @param checksum the content object (file) or dirtree (directory)
   * @param metaChecksum the dirmeta, for a directory; null otherwise
   */
  public record Entry(String path, String name, boolean directory, Checksum checksum, Checksum metaChecksum) {}

  /** @return the commit being read */
  public Commit commit() {
    return commit;
  }

  /** @return the root directory entry */
  public Entry root() {
    return new Entry("/", "", true, commit.rootTree(), commit.rootMeta());
  }

  /**
   * Looks a path up.
   *
   * @param path e.g. {@code /usr/bin/env} or {@code usr/bin}
   * @return the entry
   * @throws StoreException if no such path is in the commit
   */
  public Entry lookup(String path) throws IOException {
    Entry cur = root();
    StringBuilder sofar = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (!cur.directory()) {
        throw notFound(path);
      }
      DirTree t = repo.readDirTree(cur.checksum());
      sofar.append('/').append(part);
      DirTree.DirEntry d = t.dir(part);
      if (d != null) {
        cur = new Entry(sofar.toString(), part, true, d.tree(), d.meta());
        continue;
      }
      DirTree.FileEntry f = t.file(part);
      if (f == null) {
        throw notFound(path);
      }
      cur = new Entry(sofar.toString(), part, false, f.checksum(), null);
    }
    return cur;
  }

  private StoreException notFound(String path) {
    return new StoreException("no such path '" + path + "' in commit " + commit.checksum()
        + "; list the tree with 'strata repo ls -R'");
  }

  /**
   * Lists a directory as {@code ostree ls} does: files (and symlinks) first, then subdirectories, each in
   * strcmp order.
   *
   * @param dir a directory entry
   * @return its children
   */
  public List<Entry> list(Entry dir) throws IOException {
    DirTree t = repo.readDirTree(dir.checksum());
    String base = dir.path().equals("/") ? "" : dir.path();
    List<Entry> out = new ArrayList<>();
    for (DirTree.FileEntry f : t.files()) {
      out.add(new Entry(base + "/" + f.name(), f.name(), false, f.checksum(), null));
    }
    for (DirTree.DirEntry d : t.dirs()) {
      out.add(new Entry(base + "/" + d.name(), d.name(), true, d.tree(), d.meta()));
    }
    return out;
  }

  /** Visits entries depth-first in strcmp order. */
  @FunctionalInterface
  public interface Visitor {
    /** Called for each entry below the start directory. */
    void visit(Entry e) throws IOException;
  }

  /** Walks {@code dir} recursively, pre-order. */
  public void walk(Entry dir, Visitor v) throws IOException {
    for (Entry e : list(dir)) {
      v.visit(e);
      if (e.directory()) {
        walk(e, v);
      }
    }
  }

  /** @return the metadata of a directory entry */
  public DirMeta dirMeta(Entry dir) throws IOException {
    return repo.readDirMeta(dir.metaChecksum());
  }

  /** @return the content object of a file entry */
  public FileObject file(Entry file) throws IOException {
    return repo.readFile(file.checksum());
  }
}
