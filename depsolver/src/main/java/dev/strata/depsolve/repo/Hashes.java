package dev.strata.depsolve.repo;

import dev.strata.store.util.Sha256;
import java.util.HexFormat;

/** SHA-256 helpers. */
final class Hashes {
  private Hashes() {}

  /**
   * @return the SHA-256 of {@code data} in lower-case hex, through libcrypto when it is there and
   *     the data is large enough to pay for loading it
   */
  static String sha256(byte[] data) {
    Sha256 s = Sha256.create(data.length);
    s.update(data);
    return HexFormat.of().formatHex(s.digest());
  }
}
