package dev.strata.store.gvariant;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed GVariant type string such as {@code (a{sv}aya(say)sstayay)}: its kind, members,
 * alignment and fixed size. Immutable and thread-safe.
 */
public final class GVariantType {
  private final String signature;
  private final char kind;
  private final List<GVariantType> members;
  private final int alignment;
  private final int fixedSize;

  private GVariantType(String signature, char kind, List<GVariantType> members) {
    this.signature = signature;
    this.kind = kind;
    this.members = List.copyOf(members);
    int align = 1;
    int fixed;
    switch (kind) {
      case 'y', 'b' -> { align = 1; fixed = 1; }
      case 'n', 'q' -> { align = 2; fixed = 2; }
      case 'i', 'u', 'h' -> { align = 4; fixed = 4; }
      case 'x', 't', 'd' -> { align = 8; fixed = 8; }
      case 's', 'o', 'g' -> { align = 1; fixed = -1; }
      case 'v' -> { align = 8; fixed = -1; }
      case 'a', 'm' -> { align = members.get(0).alignment; fixed = -1; }
      case '(', '{' -> {
        int off = 0;
        boolean allFixed = true;
        for (GVariantType m : members) {
          align = Math.max(align, m.alignment);
          if (m.fixedSize < 0) {
            allFixed = false;
          } else {
            off = alignUp(off, m.alignment) + m.fixedSize;
          }
        }
        if (!allFixed) {
          fixed = -1;
        } else if (members.isEmpty()) {
          fixed = 1;
        } else {
          fixed = alignUp(off, align);
        }
      }
      default -> throw new IllegalArgumentException("unsupported GVariant type '" + kind + "'");
    }
    this.alignment = align;
    this.fixedSize = fixed;
  }

  /**
   * Parses one complete type string.
   *
   * @param signature for example {@code a{sv}}
   * @return the type
   * @throws IllegalArgumentException if the string is not exactly one valid type
   */
  public static GVariantType parse(String signature) {
    int[] pos = {0};
    GVariantType t = parseOne(signature, pos);
    if (pos[0] != signature.length()) {
      throw new IllegalArgumentException("trailing characters in GVariant type '" + signature + "'");
    }
    return t;
  }

  private static GVariantType parseOne(String s, int[] pos) {
    if (pos[0] >= s.length()) {
      throw new IllegalArgumentException("truncated GVariant type '" + s + "'");
    }
    int start = pos[0];
    char c = s.charAt(pos[0]++);
    List<GVariantType> members = new ArrayList<>();
    switch (c) {
      case 'a', 'm' -> members.add(parseOne(s, pos));
      case '(' -> {
        while (pos[0] < s.length() && s.charAt(pos[0]) != ')') {
          members.add(parseOne(s, pos));
        }
        if (pos[0] >= s.length()) {
          throw new IllegalArgumentException("unclosed '(' in GVariant type '" + s + "'");
        }
        pos[0]++;
      }
      case '{' -> {
        members.add(parseOne(s, pos));
        members.add(parseOne(s, pos));
        if (pos[0] >= s.length() || s.charAt(pos[0]) != '}') {
          throw new IllegalArgumentException("bad dict entry in GVariant type '" + s + "'");
        }
        pos[0]++;
      }
      default -> { }
    }
    return new GVariantType(s.substring(start, pos[0]), c, members);
  }

  static int alignUp(int off, int align) {
    return (off + align - 1) & -align;
  }

  /** @return the type string */
  public String signature() {
    return signature;
  }

  /** @return the first character: 'a', 'm', '(', '{', or a basic type code */
  public char kind() {
    return kind;
  }

  /** @return member types (the element type for 'a' and 'm') */
  public List<GVariantType> members() {
    return members;
  }

  /** @return the element type of an array or maybe */
  public GVariantType element() {
    return members.get(0);
  }

  /** @return the alignment in bytes */
  public int alignment() {
    return alignment;
  }

  /** @return the fixed serialized size, or -1 when variable */
  public int fixedSize() {
    return fixedSize;
  }

  /** @return true when every value of this type has the same size */
  public boolean isFixed() {
    return fixedSize >= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GVariantType t && t.signature.equals(signature);
  }

  @Override
  public int hashCode() {
    return signature.hashCode();
  }

  @Override
  public String toString() {
    return signature;
  }
}
