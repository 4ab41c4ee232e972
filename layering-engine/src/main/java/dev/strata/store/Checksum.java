package dev.strata.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 object checksum, kept as 64 lowercase hex characters. Immutable.
 *
 * @param hex the checksum in lowercase hex
 */
public record Checksum(String hex) implements Comparable<Checksum> {
  private static final HexFormat HEX = HexFormat.of();

  /** Validates the hex form. */
  public Checksum {
    if (!isValid(hex)) {
      throw new IllegalArgumentException("invalid checksum '" + hex + "'; expected 64 lowercase hex characters");
    }
  }

  // equals and hashCode written out: a record's generated ones bootstrap through
  // invokedynamic on first use, which costs every checkout and commit a cold start of method-handle
  // machinery that the class-data archive cannot keep. Same results as the generated ones.
  @Override
  public boolean equals(Object o) {
    return o instanceof Checksum c && hex.equals(c.hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  /** @return true when {@code s} is 64 lowercase hex characters */
  public static boolean isValid(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** @return the checksum of 32 raw bytes */
  public static Checksum ofBytes(byte[] raw) {
    return ofBytes(raw, 0, raw.length);
  }

  /** @return the checksum of the 32 raw bytes {@code raw[offset, offset + length)} */
  public static Checksum ofBytes(byte[] raw, int offset, int length) {
    if (length != 32) {
      throw new IllegalArgumentException("a checksum has 32 bytes, got " + length);
    }
    return new Checksum(HEX.formatHex(raw, offset, offset + length));
  }

  /** @return SHA-256 of {@code data} */
  public static Checksum sha256(byte[] data) {
    return ofBytes(newDigest().digest(data));
  }

  /** @return a fresh SHA-256 digest */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the 32 raw bytes */
  public byte[] bytes() {
    return HEX.parseHex(hex);
  }

  /** @return the first two hex characters: the object's fan-out directory */
  public String prefix() {
    return hex.substring(0, 2);
  }

  /** @return the hex form */
  @Override
  public String toString() {
    return hex;
  }

  @Override
  public int compareTo(Checksum o) {
    return hex.compareTo(o.hex);
  }
}
