package dev.strata.pkg.rpm;

import dev.strata.pkg.PackageFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads one RPM header structure (intro, index, store) and checks every index entry against the
 * store before anything allocates by the counts it holds, so that redline's parser only ever sees
 * consistent headers.
 */
final class HeaderBlock {
  /** Upper bound for index entries in one header. */
  static final int MAX_INDEX = 1 << 16;
  /** Upper bound for the store of one header (256 MiB, rpm's own limit). */
  static final int MAX_STORE = 256 << 20;

  private HeaderBlock() {}

  /**
   * @param in the stream positioned at the header intro
   * @param remaining bytes left in the file from this position
   * @param pad true for the signature header (padded to 8 bytes)
   * @return the header bytes (intro + index + store, without padding)
   */
  static byte[] read(InputStream in, long remaining, boolean pad, String pkg, String which)
      throws IOException {
    byte[] intro = in.readNBytes(16);
    if (intro.length < 16) {
      throw truncated(pkg, which);
    }
    ByteBuffer b = ByteBuffer.wrap(intro);
    if (b.getInt(0) != 0x8eade801) {
      throw PackageFormatException.of("bad header magic", pkg, which,
          "the package is corrupt; download it again");
    }
    long nindex = b.getInt(8) & 0xffffffffL;
    long hsize = b.getInt(12) & 0xffffffffL;
    if (nindex > MAX_INDEX || hsize > MAX_STORE || 16 + nindex * 16 + hsize > remaining) {
      throw PackageFormatException.of("header counts larger than the file (" + nindex
          + " entries, " + hsize + " bytes of data)", pkg, which,
          "the file is truncated or corrupt; download it again");
    }
    int len = (int) (16 + nindex * 16 + hsize);
    byte[] all = new byte[len];
    System.arraycopy(intro, 0, all, 0, 16);
    if (in.readNBytes(all, 16, len - 16) != len - 16) {
      throw truncated(pkg, which);
    }
    if (pad) {
      int p = (int) ((8 - (hsize % 8)) % 8);
      if (in.readNBytes(p).length != p) {
        throw truncated(pkg, which);
      }
    }
    check(ByteBuffer.wrap(all), (int) nindex, (int) hsize, pkg, which);
    return all;
  }

  /** @return the number of bytes {@link #read} consumed, padding included */
  static long consumed(byte[] block, boolean pad) {
    long hsize = ByteBuffer.wrap(block).getInt(12) & 0xffffffffL;
    return block.length + (pad ? (8 - (hsize % 8)) % 8 : 0);
  }

  private static void check(ByteBuffer b, int nindex, int hsize, String pkg, String which)
      throws PackageFormatException {
    int store = 16 + nindex * 16;
    for (int i = 0; i < nindex; i++) {
      int base = 16 + i * 16;
      int tag = b.getInt(base);
      int type = b.getInt(base + 4);
      long offset = b.getInt(base + 8) & 0xffffffffL;
      long count = b.getInt(base + 12) & 0xffffffffL;
      String entry = which + " tag " + tag;
      if (type < 0 || type > 9) {
        throw bad(pkg, entry, "unknown type " + type);
      }
      if (count == 0 || count > hsize || offset > hsize) {
        throw PackageFormatException.of("header counts larger than the file (count " + count
            + ", offset " + offset + ")", pkg, entry, "the package is corrupt; download it again");
      }
      long size;
      switch (type) {
        case 0 -> size = 0;
        case 1, 2, 7 -> size = count;
        case 3 -> size = count * 2;
        case 4 -> size = count * 4;
        case 5 -> size = count * 8;
        default -> {
          if (type == 6 && count != 1) {
            throw bad(pkg, entry, "string with count " + count);
          }
          long pos = offset;
          for (long s = 0; s < count; s++) {
            while (pos < hsize && b.get(store + (int) pos) != 0) {
              pos++;
            }
            if (pos >= hsize) {
              throw bad(pkg, entry, "unterminated string");
            }
            pos++;
          }
          size = pos - offset;
        }
      }
      if (offset + size > hsize) {
        throw PackageFormatException.of("header counts larger than the file (count " + count
            + ", offset " + offset + ")", pkg, entry, "the package is corrupt; download it again");
      }
    }
  }

  private static PackageFormatException bad(String pkg, String entry, String what) {
    return PackageFormatException.of("bad header entry (" + what + ")", pkg, entry,
        "the package is corrupt; download it again");
  }

  private static PackageFormatException truncated(String pkg, String which) {
    return PackageFormatException.of("truncated archive", pkg, which,
        "the file ends early; download it again");
  }
}
