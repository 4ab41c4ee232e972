package dev.strata.store.util;

import java.nio.charset.StandardCharsets;

/**
 * Byte-wise C {@code strcmp} ordering of strings by their UTF-8 bytes, which OSTree uses for
 * dirtree entries, xattrs and summary refs (not {@link String#compareTo}). Stateless.
 */
public final class Strcmp {
  private Strcmp() {}

  /** Compares two strings by their UTF-8 bytes as unsigned values. */
  public static int compare(String a, String b) {
    return compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Compares two byte strings as unsigned values. */
  public static int compare(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }
}
