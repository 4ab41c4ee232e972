package dev.strata.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content of one payload entry: counts and hashes what the consumer reads, and on
 * {@link #finish()} reads the rest and compares size and digest with the header. Closing it does
 * not close the archive. Used by the format readers.
 */
public final class VerifyingInput extends InputStream {
  private final InputStream in;
  private final MessageDigest md;
  private final String expectedHex;
  private final long expectedSize;
  private final String pkg;
  private final String path;
  private long count;

  /**
   * @param in the entry's raw content (ends at the entry's end)
   * @param digest {@code algo:hex} as in {@link PackageFile#digest()}, or "" for none
   * @param expectedSize the size the header gives
   * @param pkg the package file name, for messages
   * @param path the entry path, for messages
   */
  public VerifyingInput(InputStream in, String digest, long expectedSize, String pkg, String path) {
    this.in = in;
    this.expectedSize = expectedSize;
    this.pkg = pkg;
    this.path = path;
    int colon = digest.indexOf(':');
    if (colon > 0) {
      this.md = newDigest(digest.substring(0, colon));
      this.expectedHex = digest.substring(colon + 1);
    } else {
      this.md = null;
      this.expectedHex = null;
    }
  }

  private static MessageDigest newDigest(String algo) {
    String jca = switch (algo) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      case "sha224" -> "SHA-224";
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new IllegalArgumentException("digest algorithm " + algo);
    };
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param algo a digest name as used in {@link PackageFile#digest()}
   * @return true when this class can verify it
   */
  public static boolean supports(String algo) {
    return switch (algo) {
      case "md5", "sha1", "sha224", "sha256", "sha384", "sha512" -> true;
      default -> false;
    };
  }

  @Override
  public int read() throws IOException {
    byte[] b = new byte[1];
    int n = read(b, 0, 1);
    return n < 0 ? -1 : b[0] & 0xff;
  }

  private int readRaw(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (PackageFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw PackageFormatException.of("bad archive data (" + Compression.oneLine(e) + ")", pkg,
          path, "the package is corrupt or truncated; download it again");
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = readRaw(b, off, len);
    if (n > 0) {
      count += n;
      if (md != null) {
        md.update(b, off, n);
      }
      if (count > expectedSize) {
        throw sizeDiffers();
      }
    }
    return n;
  }

  /**
   * Reads what the consumer left and checks size and digest.
   *
   * @param hash false to skip the rest without hashing (size still checked when the rest is read)
   * @throws PackageFormatException when size or digest differ from the header
   * @throws IOException when reading fails
   */
  public void finish(boolean hash) throws IOException {
    if (!hash && count == 0) {
      byte[] buf = new byte[8192];
      try {
        count += Math.max(0, in.skip(Long.MAX_VALUE));
      } catch (IOException | RuntimeException e) {
        throw PackageFormatException.of("bad archive data (" + Compression.oneLine(e) + ")", pkg,
            path, "the package is corrupt or truncated; download it again");
      }
      for (int n; (n = readRaw(buf, 0, buf.length)) >= 0; ) {
        count += n;
      }
      if (count != expectedSize) {
        throw sizeDiffers();
      }
      return;
    }
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // drain
    }
    if (count != expectedSize) {
      throw sizeDiffers();
    }
    if (md != null) {
      String got = HexFormat.of().formatHex(md.digest());
      if (!got.equalsIgnoreCase(expectedHex)) {
        throw PackageFormatException.of("digest differs from the header (" + got + ")", pkg, path,
            "the package is corrupt; download it again");
      }
    }
  }

  private PackageFormatException sizeDiffers() {
    return PackageFormatException.of("size differs from the header (" + expectedSize + ")", pkg,
        path, "the package is corrupt; download it again");
  }

  @Override
  public void close() {
    // the archive stays open
  }
}
