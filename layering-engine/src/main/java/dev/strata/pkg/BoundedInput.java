package dev.strata.pkg;

import java.io.IOException;
import java.io.InputStream;

/**
 * A window of {@code length} bytes on another stream that reports a premature end of the
 * underlying stream as a truncated package. Closing it does not close the underlying stream.
 * Used by the format readers.
 */
public final class BoundedInput extends InputStream {
  private final InputStream in;
  private long remaining;
  private final String pkg;
  private final String member;

  /**
   * @param in the underlying stream
   * @param length how many bytes the window holds
   * @param pkg the package file name, for messages
   * @param member the member name, for messages
   */
  public BoundedInput(InputStream in, long length, String pkg, String member) {
    this.in = in;
    this.remaining = length;
    this.pkg = pkg;
    this.member = member;
  }

  @Override
  public int read() throws IOException {
    byte[] b = new byte[1];
    int n = read(b, 0, 1);
    return n < 0 ? -1 : b[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw truncated();
    }
    remaining -= n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long want = Math.min(n, remaining);
    long done = 0;
    while (done < want) {
      long s = in.skip(want - done);
      if (s <= 0) {
        if (in.read() < 0) {
          throw truncated();
        }
        s = 1;
      }
      done += s;
    }
    remaining -= done;
    return done;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  /** @return the bytes not yet read */
  public long remaining() {
    return remaining;
  }

  /**
   * Skips to the end of the window.
   *
   * @throws IOException when the underlying stream ends early
   */
  public void skipRest() throws IOException {
    skip(remaining);
  }

  private PackageFormatException truncated() {
    return PackageFormatException.of("truncated archive", pkg, member,
        "the file ends early; download it again");
  }

  @Override
  public void close() {
    // the underlying stream belongs to the caller
  }
}
