package dev.strata.pkg.rpm;

import static dev.strata.pkg.rpm.RpmTags.SIG_DSAHEADER;
import static dev.strata.pkg.rpm.RpmTags.SIG_GPG;
import static dev.strata.pkg.rpm.RpmTags.SIG_PGP;
import static dev.strata.pkg.rpm.RpmTags.SIG_RSAHEADER;

import dev.strata.pkg.PackageFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * The OpenPGP signature an RPM carries in its signature header and the byte range of the file it
 * covers: the main header for a header signature (RSAHEADER, tag 268, used by rpm for RSA and
 * EdDSA keys; DSAHEADER, tag 267), the main header and the payload for a legacy signature (PGP,
 * tag 1002; GPG, tag 1005). Immutable.
 *
 * @param tag the signature header tag the signature came from
 * @param openPgp the OpenPGP signature packet
 * @param offset where the signed bytes start in the file (the main header's intro)
 * @param length how many bytes are signed
 */
public record RpmSignature(int tag, byte[] openPgp, long offset, long length) {
  /** Copies the signature bytes. */
  public RpmSignature {
    openPgp = openPgp.clone();
  }

  @Override
  public byte[] openPgp() {
    return openPgp.clone();
  }

  /** @return true when only the main header is signed (its digests then cover the payload) */
  public boolean headerOnly() {
    return tag == SIG_RSAHEADER || tag == SIG_DSAHEADER;
  }

  /**
   * Opens the signed bytes of the package file this signature was read from.
   *
   * @param file the same .rpm file
   * @return a stream of exactly {@link #length} bytes from {@link #offset}
   */
  public InputStream signedData(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    ch.position(offset);
    return BoundedInputStream.builder().setInputStream(Channels.newInputStream(ch))
        .setMaxCount(length).get();
  }

  /** Picks the signature of a signature header, or null when it has none. */
  static RpmSignature of(Tags sig, long headerStart, long headerLength, long headerAndPayload)
      throws PackageFormatException {
    for (int tag : new int[] {SIG_RSAHEADER, SIG_DSAHEADER}) {
      byte[] b = sig.bin(tag);
      if (b != null) {
        return new RpmSignature(tag, b, headerStart, headerLength);
      }
    }
    for (int tag : new int[] {SIG_PGP, SIG_GPG}) {
      byte[] b = sig.bin(tag);
      if (b != null) {
        return new RpmSignature(tag, b, headerStart, headerAndPayload);
      }
    }
    return null;
  }
}
