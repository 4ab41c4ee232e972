package dev.strata.pkg;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens the decompressors the package formats use, each with a memory limit so that a hostile
 * header cannot make the reader allocate without bound. xz uses the system's liblzma when it can
 * be loaded (the system property {@code strata.pkg.pureJavaXz=true} forces the Java decoder).
 * Used by the format readers.
 */
public final class Compression {
  /** The largest dictionary/window a payload may ask for, in KiB (256 MiB). */
  static final int MEMORY_LIMIT_KIB = 256 * 1024;

  private Compression() {}

  /**
   * @param name {@code gzip}, {@code bzip2}, {@code xz}, {@code lzma}, {@code zstd} or
   *     {@code none}
   * @return true when {@link #open} supports it
   */
  public static boolean isKnown(String name) {
    return switch (name) {
      case "gzip", "bzip2", "xz", "lzma", "zstd", "none" -> true;
      default -> false;
    };
  }

  /**
   * Wraps {@code in} in the named decompressor.
   *
   * @param name a compressor name (see {@link #isKnown})
   * @param in the compressed stream (buffered by the caller)
   * @param pkg the package file name, for messages
   * @param member the member or header field that named the compressor, for messages
   * @return the decompressed stream
   * @throws PackageFormatException for unknown compressors and bad stream headers
   * @throws IOException when reading fails
   */
  public static InputStream open(String name, InputStream in, String pkg, String member)
      throws IOException {
    try {
      return switch (name) {
        case "none" -> in;
        case "gzip" -> new GZIPInputStream(in, 65536);
        case "bzip2" -> new BZip2CompressorInputStream(in, true);
        case "xz" -> {
          InputStream nat = NativeXz.open(in, MEMORY_LIMIT_KIB * 1024L);
          yield nat != null ? nat : new XZInputStream(in, MEMORY_LIMIT_KIB);
        }
        case "lzma" -> new LZMAInputStream(in, MEMORY_LIMIT_KIB);
        case "zstd" -> new BufferedInputStream(new ZstdInputStream(in), 65536);
        default -> throw PackageFormatException.of("unknown compressor '"
            + EntryChecker.printable(name) + "'", pkg, member,
            "use a package compressed with gzip, bzip2, xz, lzma or zstd");
      };
    } catch (PackageFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw PackageFormatException.of("bad " + name + " stream (" + oneLine(e) + ")", pkg, member,
          "the package is corrupt or truncated; download it again");
    }
  }

  /**
   * @param e any exception
   * @return its message on one line, or its class name
   */
  public static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    m = m.replaceAll("\\s+", " ").trim();
    return m.length() > 160 ? m.substring(0, 160) + "..." : m;
  }
}
