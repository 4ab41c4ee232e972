package dev.strata.pkg;

import java.io.Closeable;
import java.io.IOException;

/**
 * The entries of a package payload in archive order. Each entry is checked before it is returned
 * (path safety, file type, duplicates) and its content when the stream moves on (size and digest
 * against the header). Single-threaded.
 */
public interface PayloadStream extends Closeable {
  /**
   * Advances to the next entry, first checking the rest of the previous one.
   *
   * @return the next entry, or null at the end (after the end-of-payload checks passed)
   * @throws PackageFormatException when the payload is malformed or unsafe
   * @throws IOException when the file cannot be read
   */
  PayloadEntry next() throws IOException;
}
