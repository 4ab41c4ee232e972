package dev.strata.depsolve.repo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Verifies an OpenPGP clear-signed file (Debian's {@code InRelease}) against keyrings, with Bouncy
 * Castle; {@link OpenPgpKeys} checks the keys (expiry and revocation included).
 */
final class ClearSigned {
  private ClearSigned() {}

  /**
   * Returns the signed text if at least one signature is good and made by a valid key of the
   * keyrings.
   *
   * @param data the clear-signed file
   * @param keyrings binary or armored keyring files
   * @param now the time to check key expiry against
   * @param what the file, for messages
   */
  static String verify(byte[] data, List<Path> keyrings, Instant now, String what)
      throws RepositoryException {
    return verify(data, keyrings, now, what, new Instant[1]);
  }

  /**
   * As {@link #verify(byte[], List, Instant, String)}, also giving the time until which the key
   * that made the good signature stays valid ({@link Instant#MAX} when it does not expire).
   */
  static String verify(byte[] data, List<Path> keyrings, Instant now, String what, Instant[] until)
      throws RepositoryException {
    if (!startsWith(data, "-----BEGIN PGP SIGNED MESSAGE-----")) {
      throw new RepositoryException(what + " is not signed (no OpenPGP clear signature);"
          + " use a repository that publishes a signed InRelease");
    }
    OpenPgpKeys keys = OpenPgpKeys.read(keyrings, what);
    try {
      ArmoredInputStream aIn = new ArmoredInputStream(new ByteArrayInputStream(data));
      ByteArrayOutputStream buf = new ByteArrayOutputStream(data.length);
      int ch;
      while ((ch = aIn.read()) >= 0 && aIn.isClearText()) {
        buf.write(ch);
      }
      byte[] clear = buf.toByteArray();
      String text = new String(clear, StandardCharsets.UTF_8);
      if (text.endsWith("\n")) {
        text = text.substring(0, text.length() - 1);
      }
      String[] lines = text.split("\n", -1);
      StringBuilder canon = new StringBuilder(text.length() + lines.length);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          canon.append("\r\n");
        }
        canon.append(stripTrailing(lines[i]));
      }
      byte[] signed = canon.toString().getBytes(StandardCharsets.UTF_8);
      Object o = new BcPGPObjectFactory(aIn).nextObject();
      if (!(o instanceof PGPSignatureList sigs) || sigs.isEmpty()) {
        throw new RepositoryException(what + " has no readable signature; the file is corrupt, fetch it again");
      }
      List<String> problems = new ArrayList<>();
      for (PGPSignature sig : sigs) {
        String p = keys.problem(sig, signed, now, until);
        if (p == null) {
          return text + "\n";
        }
        problems.add(p);
      }
      throw new RepositoryException(what + ": no valid signature (" + String.join(", ", problems)
          + "); update the keyring named by Signed-By or check the mirror");
    } catch (IOException | PGPException | RuntimeException e) {
      if (e instanceof RepositoryException re) {
        throw re;
      }
      throw new RepositoryException(what + ": the signature cannot be read (" + e.getMessage()
          + "); the file is corrupt, fetch it again");
    }
  }

  /**
   * Verifies a detached signature (rpm-md {@code repomd.xml.asc}).
   *
   * @param data the signed file
   * @param signature the armored or binary signature
   * @param keyrings key files
   * @param now the time to check key expiry against
   * @param what the file, for messages
   */
  static void verifyDetached(byte[] data, byte[] signature, List<Path> keyrings, Instant now,
      String what) throws RepositoryException {
    String p;
    try {
      p = OpenPgpKeys.read(keyrings, what).problem(signature, new ByteArrayInputStream(data), now,
          new long[1]);
    } catch (RepositoryException e) {
      throw e;
    } catch (IOException e) {
      throw new RepositoryException(what + ".asc cannot be read (" + e.getMessage()
          + "); re-sign the repository");
    }
    if (p != null) {
      throw new RepositoryException(what + ": no valid signature (" + p
          + "); update the repository's gpgkey or check the mirror");
    }
  }

  private static String stripTrailing(String s) {
    int e = s.length();
    while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t' || s.charAt(e - 1) == '\r')) {
      e--;
    }
    return s.substring(0, e);
  }

  private static boolean startsWith(byte[] data, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    if (data.length < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (data[i] != p[i]) {
        return false;
      }
    }
    return true;
  }
}
