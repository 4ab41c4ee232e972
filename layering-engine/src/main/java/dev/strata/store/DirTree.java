package dev.strata.store;

import dev.strata.store.gvariant.GVariant;
import dev.strata.store.gvariant.GVariantType;
import dev.strata.store.util.Strcmp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A dirtree object {@code (a(say)a(sayay))}: the files (regular files and symlinks) and
 * subdirectories of one directory, each list sorted by strcmp of the name. Immutable.
 *
 * @param files the content entries
 * @param dirs the subdirectory entries
 */
public record DirTree(List<FileEntry> files, List<DirEntry> dirs) {
  static final GVariantType TYPE = GVariantType.parse("(a(say)a(sayay))");

  /** The empty directory's dirtree checksum. */
  public static final Checksum EMPTY_CHECKSUM =
      new Checksum("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");

  /**
   * A file entry.
   *
   * @param name the file name
   * @param checksum the content object
   */
  public record FileEntry(String name, Checksum checksum) {}

  /**
   * A subdirectory entry.
   *
   * @param name the directory name
   * @param tree its dirtree
   * @param meta its dirmeta
   */
  public record DirEntry(String name, Checksum tree, Checksum meta) {}

  /** Sorts both lists by strcmp and checks the names. */
  public DirTree {
    List<FileEntry> f = new ArrayList<>(files);
    f.sort((a, b) -> Strcmp.compare(a.name, b.name));
    List<DirEntry> d = new ArrayList<>(dirs);
    d.sort((a, b) -> Strcmp.compare(a.name, b.name));
    files = List.copyOf(f);
    dirs = List.copyOf(d);
    Set<String> seen = new HashSet<>();
    for (FileEntry e : files) {
      checkName(e.name, seen);
    }
    for (DirEntry e : dirs) {
      checkName(e.name, seen);
    }
  }

  private static void checkName(String name, Set<String> seen) {
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid file name '" + name + "' in a directory; rename it");
    }
    if (!seen.add(name)) {
      throw new IllegalArgumentException("duplicate name '" + name + "' in a directory");
    }
  }

  /** @return the serialized object */
  public byte[] toBytes() {
    List<Object> f = new ArrayList<>(files.size());
    for (FileEntry e : files) {
      f.add(List.of(e.name, e.checksum.bytes()));
    }
    List<Object> d = new ArrayList<>(dirs.size());
    for (DirEntry e : dirs) {
      d.add(List.of(e.name, e.tree.bytes(), e.meta.bytes()));
    }
    return GVariant.encode(TYPE, List.of(f, d));
  }

  /** @return the object's checksum */
  public Checksum checksum() {
    return Checksum.sha256(toBytes());
  }

  /** @return the file entry called {@code name}, or null */
  public FileEntry file(String name) {
    for (FileEntry e : files) {
      if (e.name.equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** @return the directory entry called {@code name}, or null */
  public DirEntry dir(String name) {
    for (DirEntry e : dirs) {
      if (e.name.equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** Parses a serialized dirtree. */
  public static DirTree parse(byte[] data) {
    List<?> t = (List<?>) GVariant.decode(TYPE, data, 0, data.length);
    List<FileEntry> f = new ArrayList<>();
    for (Object o : (List<?>) t.get(0)) {
      List<?> e = (List<?>) o;
      f.add(new FileEntry((String) e.get(0), Checksum.ofBytes((byte[]) e.get(1))));
    }
    List<DirEntry> d = new ArrayList<>();
    for (Object o : (List<?>) t.get(1)) {
      List<?> e = (List<?>) o;
      d.add(new DirEntry((String) e.get(0), Checksum.ofBytes((byte[]) e.get(1)),
          Checksum.ofBytes((byte[]) e.get(2))));
    }
    return new DirTree(f, d);
  }
}
