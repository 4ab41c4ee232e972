package dev.strata.store;

import dev.strata.store.gvariant.GVariant;
import dev.strata.store.gvariant.GVariantType;
import java.util.List;

/**
 * A dirmeta object {@code (uuua(ayay))}: a directory's owner, group, mode (with {@code S_IFDIR})
 * and xattrs. uid, gid and mode are stored big-endian. Immutable.
 *
 * @param uid owner
 * @param gid group
 * @param mode full st_mode including the type bits
 * @param xattrs extended attributes sorted by name
 */
public record DirMeta(int uid, int gid, int mode, List<Xattr> xattrs) {
  static final GVariantType TYPE = GVariantType.parse("(uuua(ayay))");

  /** Sorts and copies the xattrs. */
  public DirMeta {
    xattrs = Xattr.sorted(xattrs);
  }

  /** @return the serialized object */
  public byte[] toBytes() {
    return GVariant.encode(TYPE, List.of(Integer.reverseBytes(uid), Integer.reverseBytes(gid),
        Integer.reverseBytes(mode), Xattr.toGVariant(xattrs)));
  }

  /** @return the object's checksum */
  public Checksum checksum() {
    return Checksum.sha256(toBytes());
  }

  /** Parses a serialized dirmeta. */
  public static DirMeta parse(byte[] data) {
    List<?> t = (List<?>) GVariant.decode(TYPE, data, 0, data.length);
    return new DirMeta(Integer.reverseBytes((Integer) t.get(0)), Integer.reverseBytes((Integer) t.get(1)),
        Integer.reverseBytes((Integer) t.get(2)), Xattr.fromGVariant(t.get(3)));
  }
}
