package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.PackageSet;
import dev.strata.depsolve.model.Relation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A Debian {@code Packages} index in the binary form Strata caches: the paragraphs cut down to
 * the fields the solver reads, and a hash table from each package name and each provided name to
 * the paragraphs that have it. Packages are parsed only when first looked up, so a solve decodes
 * the request's neighbourhood, not all 63,000 packages; the image is memory-mapped from the cache.
 *
 * <p>Layout (big-endian): a header (magic, format, total length, CRC-32 of everything after the
 * header, counts, section offsets, the index's SHA-256), the paragraph text, the paragraph offsets,
 * the hash slots and the name entries ({@code u16 length, name, int named, int providing,
 * paragraph numbers...}). An image whose length, key or CRC does not match is rejected and rebuilt.
 */
final class DebIndex implements PackageSet {
  private static final int MAGIC = 0x53544458; // "STDX"
  private static final int FORMAT = 2;
  private static final int KEY_LEN = 64;
  private static final int HEADER = 44 + KEY_LEN;

  private final ByteBuffer image;
  private final int count;
  private final int slots;
  private final int offsets;
  private final int table;
  private final int entries;
  private final int text;
  private final String repository;
  private final String what;
  private final DebControl control = new DebControl(new Interner());
  private final Package[] decoded;

  private DebIndex(ByteBuffer image, String repository, String what) {
    this.image = image;
    this.count = image.getInt(20);
    this.slots = image.getInt(24);
    this.offsets = image.getInt(28);
    this.table = image.getInt(32);
    this.entries = image.getInt(36);
    this.text = image.getInt(40);
    this.repository = repository;
    this.what = what;
    this.decoded = new Package[count];
  }

  /**
   * Checks an image read back from the cache.
   *
   * @param image the image
   * @param key the SHA-256 of the index it must have been built from
   * @param repository the repository id to give each package
   * @param what the index's URI, for messages
   * @return the index, or null when the image is truncated, corrupt, of another format or key
   */
  static DebIndex open(ByteBuffer image, String key, String repository, String what) {
    if (image.capacity() < HEADER || image.getInt(0) != MAGIC || image.getInt(4) != FORMAT
        || image.getLong(8) != image.capacity()) {
      return null;
    }
    byte[] k = new byte[KEY_LEN];
    image.get(44, k);
    if (!new String(k, StandardCharsets.US_ASCII).equals(key)) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(image.slice(HEADER, image.capacity() - HEADER));
    if ((int) crc.getValue() != image.getInt(16)) {
      return null;
    }
    int cap = image.capacity();
    int n = image.getInt(20);
    int slots = image.getInt(24);
    int off = image.getInt(28);
    int tab = image.getInt(32);
    int ent = image.getInt(36);
    int txt = image.getInt(40);
    if (n < 0 || Integer.bitCount(slots) != 1 || txt != HEADER || off < txt
        || (long) tab != off + 4L * (n + 1) || (long) ent != tab + 4L * slots || ent > cap) {
      return null;
    }
    return new DebIndex(image, repository, what);
  }

  /**
   * Builds the image of an uncompressed {@code Packages} index, checking every line and that
   * every paragraph names its package, version and architecture. The image lives outside the
   * Java heap, so the collector never copies it.
   *
   * @param data the index
   * @param key its SHA-256
   * @param what its URI, for messages
   * @return the image (position 0, limit and capacity its length)
   * @throws IllegalArgumentException when the index is malformed
   */
  static ByteBuffer build(byte[] data, String key, String what) {
    DebControl control = new DebControl(new Interner());
    // the paragraphs, cut down, come first: they are copied straight into the image
    ByteBuffer[] img = {ByteBuffer.allocateDirect(HEADER + data.length / 4 * 3 + (1 << 20))};
    int[] used = {HEADER};
    int[][] starts = {new int[1 << 16]};
    int[] n = {0};
    Map<String, Entry> names = new HashMap<>(1 << 17);
    DebControl.walk(data, 0, data.length, what, p -> {
      DebControl.requireIdentity(p, what);
      int id = n[0]++;
      if (id == starts[0].length) {
        starts[0] = Arrays.copyOf(starts[0], id * 2);
      }
      starts[0][id] = used[0] - HEADER;
      img[0] = room(img[0], used[0], p.fieldsLength());
      used[0] = p.copyFields(img[0], used[0]);
      names.computeIfAbsent(p.value(0), Entry::new).named.add(id);
      for (Relation r : control.provides(p, what)) {
        names.computeIfAbsent(r.name(), Entry::new).providing.addOnce(id);
      }
    });
    int slots = Integer.highestOneBit(Math.max(names.size(), 1) * 2) * 2;
    long entryBytes = 0;
    for (Entry e : names.values()) {
      entryBytes += e.size();
    }
    int off = used[0];
    long tab = off + 4L * (n[0] + 1);
    long ent = tab + 4L * slots;
    long total = ent + entryBytes;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " is too large to index; split the repository");
    }
    ByteBuffer b = room(img[0], off, (int) (total - off));
    b.putInt(0, MAGIC).putInt(4, FORMAT).putLong(8, total).putInt(20, n[0]).putInt(24, slots)
        .putInt(28, off).putInt(32, (int) tab).putInt(36, (int) ent).putInt(40, HEADER)
        .put(44, key.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < n[0]; i++) {
      b.putInt(off + 4 * i, starts[0][i]);
    }
    b.putInt(off + 4 * n[0], off - HEADER);
    for (int s = 0; s < slots; s++) {
      b.putInt((int) tab + 4 * s, -1);
    }
    int pos = (int) ent;
    for (Entry e : names.values()) {
      int s = hash(e.name) & (slots - 1);
      while (b.getInt((int) tab + 4 * s) >= 0) {
        s = (s + 1) & (slots - 1);
      }
      b.putInt((int) tab + 4 * s, pos - (int) ent);
      pos = e.write(b, pos);
    }
    CRC32 crc = new CRC32();
    crc.update(b.slice(HEADER, (int) total - HEADER));
    b.putInt(16, (int) crc.getValue());
    return b.slice(0, (int) total);
  }

  /** @return {@code b}, or a larger copy of its first {@code used} bytes, with room for {@code more} */
  private static ByteBuffer room(ByteBuffer b, int used, int more) {
    if ((long) used + more <= b.capacity()) {
      return b;
    }
    long size = Math.max((long) b.capacity() * 3 / 2, (long) used + more);
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("index too large to cache; split the repository");
    }
    ByteBuffer bigger = ByteBuffer.allocateDirect((int) size);
    bigger.put(0, b, 0, used);
    return bigger;
  }

  /**
   * @param image an image from {@link #build}, known to be sound
   * @param repository the repository id to give each package
   * @param what the index's URI, for messages
   * @return the index
   */
  static DebIndex of(ByteBuffer image, String repository, String what) {
    return new DebIndex(image, repository, what);
  }

  @Override
  public synchronized List<Package> named(String name) {
    return lookup(name, false);
  }

  @Override
  public synchronized List<Package> providing(String name) {
    return lookup(name, true);
  }

  @Override
  public synchronized List<Package> all() {
    List<Package> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(decode(i));
    }
    return out;
  }

  /** Debian indexes carry no file lists. */
  @Override
  public boolean listsFiles() {
    return false;
  }

  private List<Package> lookup(String name, boolean provides) {
    byte[] key = name.getBytes(StandardCharsets.UTF_8);
    int s = hash(key) & (slots - 1);
    while (true) {
      int e = image.getInt(table + 4 * s);
      if (e < 0) {
        return List.of();
      }
      int at = entries + e;
      if (sameName(at, key)) {
        at += 2 + key.length;
        int named = image.getInt(at);
        int providing = image.getInt(at + 4);
        int from = at + 8 + (provides ? 4 * named : 0);
        int len = provides ? providing : named;
        Package[] out = new Package[len];
        for (int i = 0; i < len; i++) {
          out[i] = decode(image.getInt(from + 4 * i));
        }
        return List.of(out);
      }
      s = (s + 1) & (slots - 1);
    }
  }

  private boolean sameName(int at, byte[] key) {
    if ((image.getShort(at) & 0xffff) != key.length) {
      return false;
    }
    for (int i = 0; i < key.length; i++) {
      if (image.get(at + 2 + i) != key[i]) {
        return false;
      }
    }
    return true;
  }

  private Package decode(int id) {
    Package p = decoded[id];
    if (p == null) {
      int from = image.getInt(offsets + 4 * id);
      int to = image.getInt(offsets + 4 * id + 4);
      byte[] para = new byte[to - from];
      image.get(text + from, para);
      Package[] got = new Package[1];
      DebControl.walk(para, 0, para.length, what,
          q -> got[0] = control.build(q, repository, false, what));
      p = got[0];
      decoded[id] = p;
    }
    return p;
  }

  private static int hash(byte[] name) {
    int h = 0x811c9dc5;
    for (byte c : name) {
      h = (h ^ (c & 0xff)) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  /** A name's paragraphs while an image is built. */
  private static final class Entry {
    final byte[] name;
    final Ids named = new Ids();
    final Ids providing = new Ids();

    Entry(String name) {
      this.name = name.getBytes(StandardCharsets.UTF_8);
      if (this.name.length > 0xffff) {
        throw new IllegalArgumentException("package name longer than 65535 bytes");
      }
    }

    int size() {
      return 2 + name.length + 8 + 4 * (named.n + providing.n);
    }

    int write(ByteBuffer b, int pos) {
      b.putShort(pos, (short) name.length).put(pos + 2, name);
      int p = pos + 2 + name.length;
      b.putInt(p, named.n).putInt(p + 4, providing.n);
      p += 8;
      for (int i = 0; i < named.n; i++, p += 4) {
        b.putInt(p, named.ids[i]);
      }
      for (int i = 0; i < providing.n; i++, p += 4) {
        b.putInt(p, providing.ids[i]);
      }
      return p;
    }
  }

  /** A growing list of paragraph numbers. */
  private static final class Ids {
    int[] ids = new int[1];
    int n;

    void add(int id) {
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, n * 2);
      }
      ids[n++] = id;
    }

    /** Adds {@code id} unless it is the last one already (a package providing a name twice). */
    void addOnce(int id) {
      if (n == 0 || ids[n - 1] != id) {
        add(id);
      }
    }
  }
}
