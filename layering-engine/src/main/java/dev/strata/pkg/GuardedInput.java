package dev.strata.pkg;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reports decompression and read errors below an archive reader as one-line {@link
 * PackageFormatException}s naming the package and the member.
 */
public final class GuardedInput extends InputStream {
  private final InputStream in;
  private final String pkg;
  private final String member;

  /**
   * @param in the stream to guard
   * @param pkg the package file name, for messages
   * @param member the member the stream reads, for messages
   */
  public GuardedInput(InputStream in, String pkg, String member) {
    this.in = in;
    this.pkg = pkg;
    this.member = member;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (PackageFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw wrap(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (PackageFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw wrap(e);
    }
  }

  private PackageFormatException wrap(Exception e) {
    return PackageFormatException.of("bad " + member + " stream (" + Compression.oneLine(e) + ")",
        pkg, member, "the package is corrupt or truncated; download it again");
  }
}
