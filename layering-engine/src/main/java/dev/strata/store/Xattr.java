package dev.strata.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One extended attribute: its name (e.g. {@code security.capability}) and raw value. Immutable.
 *
 * @param name the attribute name, without NUL
 * @param value the raw value (copied)
 */
public record Xattr(String name, byte[] value) {
  /** Copies the value. */
  public Xattr {
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** @return the {@code a(ayay)} element: name with trailing NUL, value */
  List<Object> toGVariant() {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    return List.of(Arrays.copyOf(n, n.length + 1), value);
  }

  /** Converts a sorted xattr list to the {@code a(ayay)} Java mapping. */
  static List<Object> toGVariant(List<Xattr> xattrs) {
    List<Object> out = new ArrayList<>(xattrs.size());
    for (Xattr x : xattrs) {
      out.add(x.toGVariant());
    }
    return out;
  }

  /** Converts the {@code a(ayay)} Java mapping back to xattrs. */
  static List<Xattr> fromGVariant(Object v) {
    List<Xattr> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      List<?> kv = (List<?>) o;
      byte[] n = (byte[]) kv.get(0);
      int len = n.length > 0 && n[n.length - 1] == 0 ? n.length - 1 : n.length;
      out.add(new Xattr(new String(n, 0, len, StandardCharsets.UTF_8), (byte[]) kv.get(1)));
    }
    return List.copyOf(out);
  }

  /** @return the xattrs sorted by name with strcmp, as OSTree stores them */
  public static List<Xattr> sorted(List<Xattr> xattrs) {
    List<Xattr> l = new ArrayList<>(xattrs);
    l.sort((a, b) -> dev.strata.store.util.Strcmp.compare(a.name, b.name));
    return List.copyOf(l);
  }

  /** @return xattrs from a name-to-value map, sorted */
  public static List<Xattr> of(Map<String, byte[]> m) {
    List<Xattr> l = new ArrayList<>();
    m.forEach((k, v) -> l.add(new Xattr(k, v)));
    return sorted(l);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Xattr x && x.name.equals(name) && Arrays.equals(x.value, value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return name + "=" + java.util.HexFormat.of().formatHex(value);
  }
}
