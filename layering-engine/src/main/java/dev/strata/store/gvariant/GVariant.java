package dev.strata.store.gvariant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GVariant serialization in normal form (the subset OSTree uses, plus the other basic types).
 *
 * <p>Numbers are written and read little-endian, as GLib does on every platform OSTree runs on;
 * fields that OSTree byte-swaps to big-endian must be swapped by the caller. The Java mapping is
 * described on {@link Variant}. Decoding is strict about bounds and throws
 * {@link IllegalArgumentException} for malformed input. Stateless and thread-safe.
 */
public final class GVariant {
  private GVariant() {}

  /**
   * Serializes a value.
   *
   * @param type the GVariant type string
   * @param value the value in the Java mapping
   * @return the bytes in normal form
   */
  public static byte[] encode(String type, Object value) {
    return encode(GVariantType.parse(type), value);
  }

  /** Serializes a value of a parsed type. */
  public static byte[] encode(GVariantType type, Object value) {
    Buf out = new Buf();
    write(type, value, out);
    return out.toArray();
  }

  /**
   * Parses a serialized value.
   *
   * @param type the GVariant type string
   * @param data the bytes
   * @return the value in the Java mapping
   */
  public static Object decode(String type, byte[] data) {
    return decode(GVariantType.parse(type), data, 0, data.length);
  }

  /** Parses {@code data[start, end)} as a value of {@code type}. */
  public static Object decode(GVariantType type, byte[] data, int start, int end) {
    if (start < 0 || end > data.length || start > end) {
      throw new IllegalArgumentException("malformed GVariant: bad bounds");
    }
    return read(type, data, start, end);
  }

  // ---------------------------------------------------------------- encoding

  private static void write(GVariantType t, Object v, Buf out) {
    switch (t.kind()) {
      case 'b' -> out.put(((Boolean) v) ? 1 : 0);
      case 'y' -> out.put(((Number) v).intValue());
      case 'n', 'q' -> out.putLe(((Number) v).longValue(), 2);
      case 'i', 'u', 'h' -> out.putLe(((Number) v).longValue(), 4);
      case 'x', 't' -> out.putLe(((Number) v).longValue(), 8);
      case 'd' -> out.putLe(Double.doubleToRawLongBits(((Number) v).doubleValue()), 8);
      case 's', 'o', 'g' -> {
        out.put(((String) v).getBytes(StandardCharsets.UTF_8));
        out.put(0);
      }
      case 'v' -> {
        Variant var = (Variant) v;
        write(GVariantType.parse(var.type()), var.value(), out);
        out.put(0);
        out.put(var.type().getBytes(StandardCharsets.US_ASCII));
      }
      case 'm' -> {
        Optional<?> o = (Optional<?>) v;
        if (o.isPresent()) {
          write(t.element(), o.get(), out);
          if (!t.element().isFixed()) {
            out.put(0);
          }
        }
      }
      case 'a' -> writeArray(t, v, out);
      case '(' -> writeTuple(t.members(), (List<?>) v, out, t);
      case '{' -> {
        Map.Entry<?, ?> e = (Map.Entry<?, ?>) v;
        writeTuple(t.members(), Arrays.asList(e.getKey(), e.getValue()), out, t);
      }
      default -> throw new IllegalArgumentException("unsupported GVariant type " + t);
    }
  }

  private static void writeArray(GVariantType t, Object v, Buf out) {
    GVariantType el = t.element();
    if (el.kind() == 'y' && v instanceof byte[] b) {
      out.put(b);
      return;
    }
    List<?> items;
    if (el.kind() == '{' && v instanceof Map<?, ?> m) {
      items = new ArrayList<>(m.entrySet());
    } else {
      items = (List<?>) v;
    }
    int start = out.size();
    long[] ends = new long[items.size()];
    int n = 0;
    for (Object item : items) {
      out.pad(el.alignment());
      write(el, item, out);
      ends[n++] = out.size() - start;
    }
    if (!el.isFixed() && n > 0) {
      writeOffsets(out, out.size() - start, ends, n);
    }
  }

  private static void writeTuple(List<GVariantType> members, List<?> values, Buf out, GVariantType t) {
    if (members.size() != values.size()) {
      throw new IllegalArgumentException(
          "GVariant " + t + " needs " + members.size() + " members, got " + values.size());
    }
    int start = out.size();
    long[] ends = new long[members.size()];
    int n = 0;
    for (int i = 0; i < members.size(); i++) {
      GVariantType m = members.get(i);
      out.pad(m.alignment());
      write(m, values.get(i), out);
      if (!m.isFixed() && i < members.size() - 1) {
        ends[n++] = out.size() - start;
      }
    }
    if (t.isFixed()) {
      while (out.size() - start < t.fixedSize()) {
        out.put(0);
      }
      return;
    }
    long[] rev = new long[n];
    for (int i = 0; i < n; i++) {
      rev[i] = ends[n - 1 - i];
    }
    writeOffsets(out, out.size() - start, rev, n);
  }

  private static void writeOffsets(Buf out, long body, long[] offsets, int n) {
    int w;
    if (body + n <= 0xFFL) {
      w = 1;
    } else if (body + 2L * n <= 0xFFFFL) {
      w = 2;
    } else if (body + 4L * n <= 0xFFFFFFFFL) {
      w = 4;
    } else {
      w = 8;
    }
    for (int i = 0; i < n; i++) {
      out.putLe(offsets[i], w);
    }
  }

  // ---------------------------------------------------------------- decoding

  private static Object read(GVariantType t, byte[] d, int s, int e) {
    int size = e - s;
    if (t.isFixed() && size != t.fixedSize()) {
      // GLib substitutes a default value for a wrong-sized fixed value; OSTree objects must be normal.
      throw new IllegalArgumentException("malformed GVariant: " + t + " of " + size + " bytes");
    }
    switch (t.kind()) {
      case 'b':
        return d[s] != 0;
      case 'y':
        return d[s];
      case 'n':
      case 'q':
        return (short) readLe(d, s, 2);
      case 'i':
      case 'u':
      case 'h':
        return (int) readLe(d, s, 4);
      case 'x':
      case 't':
        return readLe(d, s, 8);
      case 'd':
        return Double.longBitsToDouble(readLe(d, s, 8));
      case 's':
      case 'o':
      case 'g':
        if (size == 0 || d[e - 1] != 0) {
          throw new IllegalArgumentException("malformed GVariant: string without NUL");
        }
        return new String(d, s, size - 1, StandardCharsets.UTF_8);
      case 'v': {
        int z = e - 1;
        while (z >= s && d[z] != 0) {
          z--;
        }
        if (z < s) {
          throw new IllegalArgumentException("malformed GVariant: variant without type");
        }
        String sig = new String(d, z + 1, e - z - 1, StandardCharsets.US_ASCII);
        return new Variant(sig, read(GVariantType.parse(sig), d, s, z));
      }
      case 'm': {
        if (size == 0) {
          return Optional.empty();
        }
        GVariantType el = t.element();
        return Optional.of(el.isFixed() ? read(el, d, s, e) : read(el, d, s, e - 1));
      }
      case 'a':
        return readArray(t, d, s, e);
      case '(':
        return readTuple(t, d, s, e);
      case '{': {
        List<Object> kv = readTuple(t, d, s, e);
        return Map.entry(kv.get(0), kv.get(1));
      }
      default:
        throw new IllegalArgumentException("unsupported GVariant type " + t);
    }
  }

  private static Object readArray(GVariantType t, byte[] d, int s, int e) {
    GVariantType el = t.element();
    int size = e - s;
    if (el.kind() == 'y') {
      return Arrays.copyOfRange(d, s, e);
    }
    List<Object> items = new ArrayList<>();
    if (size > 0) {
      if (el.isFixed()) {
        if (size % el.fixedSize() != 0) {
          throw new IllegalArgumentException("malformed GVariant: " + t + " of " + size + " bytes");
        }
        for (int p = s; p < e; p += el.fixedSize()) {
          items.add(read(el, d, p, p + el.fixedSize()));
        }
      } else {
        int[] ends = arrayFrames(d, s, e);
        int prev = 0;
        for (int end : ends) {
          int start = GVariantType.alignUp(prev, el.alignment());
          if (end < start) {
            throw new IllegalArgumentException("malformed GVariant: bad framing in " + t);
          }
          items.add(read(el, d, s + start, s + end));
          prev = end;
        }
      }
    }
    if (el.kind() == '{') {
      Map<Object, Object> m = new LinkedHashMap<>();
      for (Object o : items) {
        Map.Entry<?, ?> en = (Map.Entry<?, ?>) o;
        m.put(en.getKey(), en.getValue());
      }
      return m;
    }
    return items;
  }

  private static List<Object> readTuple(GVariantType t, byte[] d, int s, int e) {
    List<GVariantType> members = t.members();
    int size = e - s;
    int w = offsetWidth(size);
    int framing = 0;
    for (int i = 0; i < members.size() - 1; i++) {
      if (!members.get(i).isFixed()) {
        framing++;
      }
    }
    List<Object> out = new ArrayList<>(members.size());
    int off = 0;
    int consumed = 0;
    for (int i = 0; i < members.size(); i++) {
      GVariantType m = members.get(i);
      off = GVariantType.alignUp(off, m.alignment());
      int end;
      if (m.isFixed()) {
        end = off + m.fixedSize();
      } else if (i == members.size() - 1) {
        end = size - framing * w;
      } else {
        consumed++;
        end = (int) readLe(d, e - consumed * w, w);
      }
      if (off > end || end > size) {
        throw new IllegalArgumentException("malformed GVariant: bad framing in " + t);
      }
      out.add(read(m, d, s + off, s + end));
      off = end;
    }
    return out;
  }

  /**
   * The element ends of an array of variable-size elements stored in {@code d[s, e)}, relative to
   * {@code s}, checked against the array's body (for parsers of one fixed type that skip the generic
   * decoder).
   *
   * @throws IllegalArgumentException when the framing is malformed
   */
  public static int[] arrayFrames(byte[] d, int s, int e) {
    int size = e - s;
    if (size == 0) {
      return new int[0];
    }
    int w = offsetWidth(size);
    long last = readLe(d, e - w, w);
    if (last > size || (size - last) % w != 0) {
      throw new IllegalArgumentException("malformed GVariant: bad array framing");
    }
    int n = (int) ((size - last) / w);
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      long end = readLe(d, s + (int) last + i * w, w);
      if (end > last || (i > 0 && end < ends[i - 1])) {
        throw new IllegalArgumentException("malformed GVariant: bad array framing");
      }
      ends[i] = (int) end;
    }
    return ends;
  }

  /** @return the size in bytes of a framing offset in a container of {@code size} bytes */
  public static int offsetWidth(long size) {
    if (size <= 0xFFL) {
      return 1;
    } else if (size <= 0xFFFFL) {
      return 2;
    } else if (size <= 0xFFFFFFFFL) {
      return 4;
    }
    return 8;
  }

  /**
   * Reads an unsigned little-endian number of {@code w} bytes at {@code p} (a framing offset or a
   * fixed-size value).
   *
   * @throws IllegalArgumentException when it lies outside {@code d}
   */
  public static long readLe(byte[] d, int p, int w) {
    if (p < 0 || p + w > d.length) {
      throw new IllegalArgumentException("malformed GVariant: read past the end");
    }
    long v = 0;
    for (int i = w - 1; i >= 0; i--) {
      v = (v << 8) | (d[p + i] & 0xFF);
    }
    return v;
  }

  // ---------------------------------------------------------------- text form

  /**
   * Prints a value in GVariant text format, close to {@code g_variant_print(v, TRUE)}.
   *
   * @param type the type string
   * @param value the value
   * @return the text
   */
  public static String print(String type, Object value) {
    StringBuilder sb = new StringBuilder();
    print(GVariantType.parse(type), value, sb, true);
    return sb.toString();
  }

  private static void print(GVariantType t, Object v, StringBuilder sb, boolean annotate) {
    switch (t.kind()) {
      case 'b' -> sb.append(((Boolean) v) ? "true" : "false");
      case 'y' -> sb.append(annotate ? "byte " : "").append(String.format("0x%02x", ((Number) v).intValue() & 0xFF));
      case 'n' -> sb.append(annotate ? "int16 " : "").append(((Number) v).shortValue());
      case 'q' -> sb.append(annotate ? "uint16 " : "").append(((Number) v).intValue() & 0xFFFF);
      case 'i' -> sb.append(((Number) v).intValue());
      case 'u' -> sb.append(annotate ? "uint32 " : "").append(Integer.toUnsignedString(((Number) v).intValue()));
      case 'h' -> sb.append(annotate ? "handle " : "").append(((Number) v).intValue());
      case 'x' -> sb.append(annotate ? "int64 " : "").append(((Number) v).longValue());
      case 't' -> sb.append(annotate ? "uint64 " : "").append(Long.toUnsignedString(((Number) v).longValue()));
      case 'd' -> sb.append(((Number) v).doubleValue());
      case 's', 'o', 'g' -> sb.append('\'').append(((String) v).replace("\\", "\\\\").replace("'", "\\'")).append('\'');
      case 'v' -> {
        Variant var = (Variant) v;
        sb.append('<');
        print(GVariantType.parse(var.type()), var.value(), sb, true);
        sb.append('>');
      }
      case 'm' -> {
        Optional<?> o = (Optional<?>) v;
        if (o.isEmpty()) {
          sb.append(annotate ? "@" + t + " nothing" : "nothing");
        } else {
          print(t.element(), o.get(), sb, annotate);
        }
      }
      case 'a' -> printArray(t, v, sb, annotate);
      case '(' -> {
        List<?> l = (List<?>) v;
        sb.append('(');
        for (int i = 0; i < l.size(); i++) {
          sb.append(i > 0 ? ", " : "");
          print(t.members().get(i), l.get(i), sb, annotate);
        }
        sb.append(l.size() == 1 ? ",)" : ")");
      }
      case '{' -> {
        Map.Entry<?, ?> en = (Map.Entry<?, ?>) v;
        sb.append('{');
        print(t.members().get(0), en.getKey(), sb, annotate);
        sb.append(", ");
        print(t.members().get(1), en.getValue(), sb, annotate);
        sb.append('}');
      }
      default -> sb.append(v);
    }
  }

  private static void printArray(GVariantType t, Object v, StringBuilder sb, boolean annotate) {
    GVariantType el = t.element();
    if (el.kind() == 'y' && v instanceof byte[] b) {
      if (b.length == 0) {
        sb.append(annotate ? "@ay []" : "[]");
        return;
      }
      sb.append("[byte ");
      for (int i = 0; i < b.length; i++) {
        sb.append(i > 0 ? ", " : "").append("0x").append(HexFormat.of().toHexDigits(b[i]));
      }
      sb.append(']');
      return;
    }
    if (el.kind() == '{') {
      Map<?, ?> m = (Map<?, ?>) v;
      if (m.isEmpty()) {
        sb.append(annotate ? "@" + t + " {}" : "{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> en : m.entrySet()) {
        sb.append(first ? "" : ", ");
        first = false;
        print(el.members().get(0), en.getKey(), sb, annotate && first);
        sb.append(": ");
        print(el.members().get(1), en.getValue(), sb, annotate);
      }
      sb.append('}');
      return;
    }
    List<?> l = (List<?>) v;
    if (l.isEmpty()) {
      sb.append(annotate ? "@" + t + " []" : "[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < l.size(); i++) {
      sb.append(i > 0 ? ", " : "");
      print(el, l.get(i), sb, annotate && i == 0);
    }
    sb.append(']');
  }

  /** A growable byte buffer with absolute alignment. */
  private static final class Buf {
    private byte[] b = new byte[256];
    private int n;

    int size() {
      return n;
    }

    void ensure(int more) {
      if (n + more > b.length) {
        b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
      }
    }

    void put(int v) {
      ensure(1);
      b[n++] = (byte) v;
    }

    void put(byte[] src) {
      ensure(src.length);
      System.arraycopy(src, 0, b, n, src.length);
      n += src.length;
    }

    void putLe(long v, int w) {
      ensure(w);
      for (int i = 0; i < w; i++) {
        b[n++] = (byte) (v >>> (8 * i));
      }
    }

    void pad(int align) {
      while ((n & (align - 1)) != 0) {
        put(0);
      }
    }

    byte[] toArray() {
      return Arrays.copyOf(b, n);
    }
  }
}
