package dev.strata.depsolve.repo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Verifies an OpenPGP clear-signed file (Debian's {@code InRelease}) against keyrings: Bouncy
 * Castle reads the OpenPGP packets and the JDK's own providers check the signature, so no Bouncy
 * Castle JCA provider is registered (and its RSA key checks, a Miller-Rabin test of every key's
 * modulus that gpgv does not make either, do not run). Expiry and revocation of the signing key
 * are checked here, since Bouncy Castle does not.
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
    List<PGPPublicKeyRingCollection> rings = readKeyrings(keyrings, what);
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
        String p = check(sig, signed, rings, now, until);
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
    List<PGPPublicKeyRingCollection> rings = readKeyrings(keyrings, what);
    try {
      Object o = new BcPGPObjectFactory(PGPUtil.getDecoderStream(
          new ByteArrayInputStream(signature))).nextObject();
      if (!(o instanceof PGPSignatureList sigs) || sigs.isEmpty()) {
        throw new RepositoryException(what + ".asc has no readable signature; re-sign the repository");
      }
      List<String> problems = new ArrayList<>();
      for (PGPSignature sig : sigs) {
        String p = check(sig, data, rings, now, new Instant[1]);
        if (p == null) {
          return;
        }
        problems.add(p);
      }
      throw new RepositoryException(what + ": no valid signature (" + String.join(", ", problems)
          + "); update the repository's gpgkey or check the mirror");
    } catch (IOException | PGPException e) {
      if (e instanceof RepositoryException re) {
        throw re;
      }
      throw new RepositoryException(what + ".asc cannot be read (" + e.getMessage()
          + "); re-sign the repository");
    }
  }

  private static List<PGPPublicKeyRingCollection> readKeyrings(List<Path> keyrings, String what)
      throws RepositoryException {
    List<PGPPublicKeyRingCollection> rings = new ArrayList<>();
    for (Path k : keyrings) {
      try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(k))) {
        rings.add(new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()));
      } catch (java.nio.file.NoSuchFileException e) {
        throw new RepositoryException("keyring " + k + " named by the source of " + what
            + " does not exist; install it or fix Signed-By");
      } catch (IOException | PGPException e) {
        throw new RepositoryException("keyring " + k + " cannot be read (" + e.getMessage()
            + "); replace it with a valid OpenPGP keyring");
      }
    }
    if (rings.isEmpty()) {
      throw new RepositoryException(what + " is signed but its source names no keyring;"
          + " set Signed-By (or gpgkey) to the repository's key");
    }
    return rings;
  }

  /** @return null when the signature is good and its key valid, else the problem */
  private static String check(PGPSignature sig, byte[] signed, List<PGPPublicKeyRingCollection> rings,
      Instant now, Instant[] until) throws PGPException {
    PGPPublicKey key = null;
    PGPPublicKeyRing ring = null;
    for (PGPPublicKeyRingCollection c : rings) {
      key = c.getPublicKey(sig.getKeyID());
      if (key != null) {
        ring = c.getPublicKeyRing(sig.getKeyID());
        break;
      }
    }
    String keyId = String.format("%016X", sig.getKeyID());
    if (key == null) {
      return "no key " + keyId + " in the keyring";
    }
    sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
    sig.update(signed);
    if (!sig.verify()) {
      return "BAD signature by key " + keyId;
    }
    String invalid = invalidReason(key, ring, now);
    if (invalid == null) {
      Instant end = end(key);
      PGPPublicKey primary = ring == null ? null : ring.getPublicKey();
      if (primary != null && end(primary).isBefore(end)) {
        end = end(primary);
      }
      until[0] = end;
      return null;
    }
    return "key " + keyId + " " + invalid;
  }

  /** @return why the key may not sign now, or null when it may */
  private static String invalidReason(PGPPublicKey key, PGPPublicKeyRing ring, Instant now) {
    if (key.hasRevocation()) {
      return "is revoked";
    }
    String expired = expiry(key, now);
    if (expired != null) {
      return expired;
    }
    PGPPublicKey primary = ring == null ? null : ring.getPublicKey();
    if (primary != null && primary.getKeyID() != key.getKeyID()) {
      if (primary.hasRevocation()) {
        return "belongs to a revoked primary key";
      }
      String p = expiry(primary, now);
      if (p != null) {
        return "belongs to a primary key that " + p;
      }
    }
    return null;
  }

  private static Instant end(PGPPublicKey key) {
    long valid = key.getValidSeconds();
    return valid > 0 ? key.getCreationTime().toInstant().plusSeconds(valid) : Instant.MAX;
  }

  private static String expiry(PGPPublicKey key, Instant now) {
    long valid = key.getValidSeconds();
    if (valid > 0) {
      Instant end = key.getCreationTime().toInstant().plusSeconds(valid);
      if (end.isBefore(now)) {
        return "expired on " + end;
      }
    }
    return null;
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
