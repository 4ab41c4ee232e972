package dev.strata.store.gvariant;

import java.util.List;
import java.util.Objects;

/**
 * A GVariant {@code v}: a value together with its type string, as found in {@code a{sv}} metadata.
 *
 * <p>The value uses the Java mapping of {@link GVariant}: {@code b} Boolean, {@code y} Byte,
 * {@code n}/{@code q} Short, {@code i}/{@code u}/{@code h} Integer, {@code x}/{@code t} Long,
 * {@code d} Double, {@code s}/{@code o}/{@code g} String, {@code ay} byte[], {@code a{..}} Map,
 * other arrays and tuples List, {@code m} Optional, {@code v} Variant. Immutable.
 *
 * @param type the GVariant type string
 * @param value the value in the Java mapping
 */
public record Variant(String type, Object value) {
  /** Checks the type string. */
  public Variant {
    GVariantType.parse(type);
    Objects.requireNonNull(value, "value");
  }

  /** @return a {@code s} variant */
  public static Variant ofString(String s) {
    return new Variant("s", s);
  }

  /** @return a {@code b} variant */
  public static Variant ofBoolean(boolean b) {
    return new Variant("b", b);
  }

  /** @return an {@code as} variant */
  public static Variant ofStringArray(List<String> values) {
    return new Variant("as", List.copyOf(values));
  }

  /** @return a {@code t} variant (stored as given, little-endian like any user metadata) */
  public static Variant ofUint64(long v) {
    return new Variant("t", v);
  }

  /** @return a {@code u} variant */
  public static Variant ofUint32(int v) {
    return new Variant("u", v);
  }

  /** @return the serialized bytes of the value alone (not the variant framing) */
  public byte[] valueBytes() {
    return GVariant.encode(type, value);
  }

  /** @return the value in GVariant text format, e.g. {@code <'1.0'>} */
  @Override
  public String toString() {
    return GVariant.print("v", this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Variant v && v.type.equals(type)
        && java.util.Arrays.equals(GVariant.encode(type, value), GVariant.encode(v.type, v.value));
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(GVariant.encode(type, value));
  }
}
