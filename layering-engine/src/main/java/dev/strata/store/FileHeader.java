package dev.strata.store;

import dev.strata.store.gvariant.GVariant;
import dev.strata.store.gvariant.GVariantType;
import java.util.Arrays;
import java.util.List;

/**
 * The metadata of a content object, {@code (uuuusa(ayay))}: owner, group, mode (with
 * {@code S_IFREG} or {@code S_IFLNK}), rdev (0), symlink target and xattrs. Immutable.
 *
 * @param uid owner
 * @param gid group
 * @param mode full st_mode including the type bits
 * @param symlinkTarget the target for a symlink, "" for a regular file
 * @param xattrs extended attributes sorted by name
 */
public record FileHeader(int uid, int gid, int mode, String symlinkTarget, List<Xattr> xattrs) {
  static final GVariantType TYPE = GVariantType.parse("(uuuusa(ayay))");
  static final GVariantType ARCHIVE_TYPE = GVariantType.parse("(tuuuusa(ayay))");
  static final GVariantType META_TYPE = GVariantType.parse("(uuua(ayay))");

  /** {@code S_IFMT}. */
  public static final int S_IFMT = 0170000;
  /** {@code S_IFREG}. */
  public static final int S_IFREG = 0100000;
  /** {@code S_IFLNK}. */
  public static final int S_IFLNK = 0120000;
  /** {@code S_IFDIR}. */
  public static final int S_IFDIR = 0040000;

  /** Sorts the xattrs and checks the type bits. */
  public FileHeader {
    xattrs = Xattr.sorted(xattrs);
    int fmt = mode & S_IFMT;
    if (fmt != S_IFREG && fmt != S_IFLNK) {
      throw new IllegalArgumentException("a content object is a regular file or a symlink, mode "
          + Integer.toOctalString(mode));
    }
    if (fmt == S_IFREG && !symlinkTarget.isEmpty()) {
      throw new IllegalArgumentException("a regular file has no symlink target");
    }
  }

  /** @return true for a symlink */
  public boolean isSymlink() {
    return (mode & S_IFMT) == S_IFLNK;
  }

  /** @return the serialized {@code (uuuusa(ayay))} */
  public byte[] toGVariant() {
    return GVariant.encode(TYPE, List.of(Integer.reverseBytes(uid), Integer.reverseBytes(gid),
        Integer.reverseBytes(mode), 0, symlinkTarget, Xattr.toGVariant(xattrs)));
  }

  /** @return the bytes hashed before the content: BE32 length, 4 zero bytes, the GVariant */
  public byte[] checksumPrefix() {
    return framed(toGVariant());
  }

  /** @return the archive ({@code .filez}) header for an uncompressed size, framed like the checksum prefix */
  public byte[] archiveHeader(long size) {
    return framed(GVariant.encode(ARCHIVE_TYPE, List.of(Long.reverseBytes(size), Integer.reverseBytes(uid),
        Integer.reverseBytes(gid), Integer.reverseBytes(mode), 0, symlinkTarget, Xattr.toGVariant(xattrs))));
  }

  /** @return the bare-user {@code user.ostreemeta} value {@code (uuua(ayay))} */
  public byte[] ostreeMeta() {
    return GVariant.encode(META_TYPE, List.of(Integer.reverseBytes(uid), Integer.reverseBytes(gid),
        Integer.reverseBytes(mode), Xattr.toGVariant(xattrs)));
  }

  /** Parses a bare-user {@code user.ostreemeta} value, with the symlink target read separately. */
  public static FileHeader fromOstreeMeta(byte[] meta, String symlinkTarget) {
    List<?> t = (List<?>) GVariant.decode(META_TYPE, meta, 0, meta.length);
    return new FileHeader(Integer.reverseBytes((Integer) t.get(0)), Integer.reverseBytes((Integer) t.get(1)),
        Integer.reverseBytes((Integer) t.get(2)), symlinkTarget, Xattr.fromGVariant(t.get(3)));
  }

  /**
   * An archive header parsed from a {@code .filez} file.
   *
   * @param header the metadata
   * @param size the uncompressed content size
   * @param headerLength bytes before the deflate stream
   */
  public record ArchiveHeader(FileHeader header, long size, int headerLength) {}

  /** Parses the start of a {@code .filez} object. */
  public static ArchiveHeader parseArchive(byte[] data) {
    if (data.length < 8) {
      throw new IllegalArgumentException("truncated archive header");
    }
    int len = ((data[0] & 0xFF) << 24) | ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
    if (len < 0 || 8L + len > data.length) {
      throw new IllegalArgumentException("bad archive header length " + len);
    }
    List<?> t = (List<?>) GVariant.decode(ARCHIVE_TYPE, data, 8, 8 + len);
    FileHeader h = new FileHeader(Integer.reverseBytes((Integer) t.get(1)), Integer.reverseBytes((Integer) t.get(2)),
        Integer.reverseBytes((Integer) t.get(3)), (String) t.get(5), Xattr.fromGVariant(t.get(6)));
    return new ArchiveHeader(h, Long.reverseBytes((Long) t.get(0)), 8 + len);
  }

  private static byte[] framed(byte[] gv) {
    byte[] out = new byte[8 + gv.length];
    out[0] = (byte) (gv.length >>> 24);
    out[1] = (byte) (gv.length >>> 16);
    out[2] = (byte) (gv.length >>> 8);
    out[3] = (byte) gv.length;
    System.arraycopy(gv, 0, out, 8, gv.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileHeader h && Arrays.equals(h.toGVariant(), toGVariant());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toGVariant());
  }
}
