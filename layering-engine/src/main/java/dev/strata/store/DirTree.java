package dev.strata.store;

import dev.strata.store.gvariant.GVariant;
import dev.strata.store.gvariant.GVariantType;
import dev.strata.store.util.Strcmp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

  /** Sorts both lists by strcmp (when not sorted already) and checks the names. */
  public DirTree {
    files = sortedCopy(files, FileEntry::name);
    dirs = sortedCopy(dirs, DirEntry::name);
    for (FileEntry e : files) {
      checkName(e.name);
    }
    for (DirEntry e : dirs) {
      checkName(e.name);
    }
    int i = 0;
    int j = 0;
    while (i < files.size() && j < dirs.size()) {
      int c = Strcmp.compare(files.get(i).name, dirs.get(j).name);
      if (c == 0) {
        throw new IllegalArgumentException("duplicate name '" + dirs.get(j).name + "' in a directory");
      }
      if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
  }

  /** An immutable copy sorted by name; throws on a duplicate name. */
  private static <T> List<T> sortedCopy(List<T> in, Function<T, String> name) {
    List<T> out = List.copyOf(in);
    for (int i = 1; i < out.size(); i++) {
      int c = Strcmp.compare(name.apply(out.get(i - 1)), name.apply(out.get(i)));
      if (c == 0) {
        throw new IllegalArgumentException("duplicate name '" + name.apply(out.get(i)) + "' in a directory");
      }
      if (c > 0) {
        List<T> sorted = new ArrayList<>(in);
        sorted.sort((a, b) -> Strcmp.compare(name.apply(a), name.apply(b)));
        return sortedCopy(sorted, name);
      }
    }
    return out;
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid file name '" + name + "' in a directory; rename it");
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

  /**
   * Parses a serialized dirtree. The type is fixed, so this reads the GVariant framing directly
   * instead of going through the generic decoder (a checkout parses every dirtree of a commit).
   */
  public static DirTree parse(byte[] data) {
    int size = data.length;
    int w = GVariant.offsetWidth(size);
    int filesEnd = offset(data, size - w, w, size - w);
    int[] fileEnds = GVariant.arrayFrames(data, 0, filesEnd);
    int[] dirEnds = GVariant.arrayFrames(data, filesEnd, size - w);
    List<FileEntry> f = new ArrayList<>(fileEnds.length);
    int start = 0;
    for (int end : fileEnds) {
      // (say): name, then the checksum; one framing offset (the end of the name)
      int ew = GVariant.offsetWidth(end - start);
      int body = end - ew;
      int nameEnd = start + offset(data, body, ew, body - start);
      f.add(new FileEntry(name(data, start, nameEnd), Checksum.ofBytes(data, nameEnd, body - nameEnd)));
      start = end;
    }
    List<DirEntry> d = new ArrayList<>(dirEnds.length);
    start = filesEnd;
    for (int rel : dirEnds) {
      // (sayay): name, tree, meta; two framing offsets (ends of the name and of the tree), reversed
      int end = filesEnd + rel;
      int ew = GVariant.offsetWidth(end - start);
      int body = end - 2 * ew;
      int nameEnd = start + offset(data, end - ew, ew, body - start);
      int treeEnd = start + offset(data, end - 2 * ew, ew, body - start);
      if (treeEnd < nameEnd) {
        throw new IllegalArgumentException("malformed dirtree: bad framing");
      }
      d.add(new DirEntry(name(data, start, nameEnd), Checksum.ofBytes(data, nameEnd, treeEnd - nameEnd),
          Checksum.ofBytes(data, treeEnd, body - treeEnd)));
      start = end;
    }
    return new DirTree(f, d);
  }

  /** Reads a framing offset and checks it against {@code max}. */
  private static int offset(byte[] data, int at, int w, int max) {
    long v = GVariant.readLe(data, at, w);
    if (at < 0 || v > max) {
      throw new IllegalArgumentException("malformed dirtree: bad framing");
    }
    return (int) v;
  }

  /** A NUL-terminated name in {@code data[start, end)}. */
  private static String name(byte[] data, int start, int end) {
    if (end <= start || data[end - 1] != 0) {
      throw new IllegalArgumentException("malformed dirtree: name without NUL");
    }
    return new String(data, start, end - start - 1, StandardCharsets.UTF_8);
  }
}
