package dev.strata.store.util;

import java.nio.charset.StandardCharsets;

/**
 * Byte-wise C {@code strcmp} ordering of strings by their UTF-8 bytes, which OSTree uses for
 * dirtree entries, xattrs and summary refs (not {@link String#compareTo}). Stateless.
 */
public final class Strcmp {
  private Strcmp() {}

  /**
   * Compares two strings by their UTF-8 bytes as unsigned values. UTF-8 keeps code point order, which
   * equals UTF-16 order except around surrogates, so only strings differing at a surrogate are encoded.
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Character.isSurrogate(x) || Character.isSurrogate(y) ? compareUtf8(a, b) : x - y;
      }
    }
    return n > 0 && Character.isSurrogate(a.charAt(n - 1)) ? compareUtf8(a, b) : a.length() - b.length();
  }

  private static int compareUtf8(String a, String b) {
    return compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Compares two byte strings as unsigned values. */
  public static int compare(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }
}
