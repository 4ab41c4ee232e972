package dev.strata.depsolve.repo;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** Uncompresses index files by their suffix: none, .gz, .xz, .zst. */
final class Decompress {
  private Decompress() {}

  static byte[] bySuffix(String name, byte[] data) throws RepositoryException {
    try {
      InputStream in;
      if (name.endsWith(".gz")) {
        in = new GZIPInputStream(new ByteArrayInputStream(data), 1 << 16);
      } else if (name.endsWith(".xz")) {
        in = new XZInputStream(new ByteArrayInputStream(data));
      } else if (name.endsWith(".zst")) {
        in = new ZstdInputStream(new ByteArrayInputStream(data));
      } else {
        return data;
      }
      try (in) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new RepositoryException(name + " cannot be uncompressed (" + e.getMessage()
          + "); the file is corrupt, fetch it again");
    }
  }
}
