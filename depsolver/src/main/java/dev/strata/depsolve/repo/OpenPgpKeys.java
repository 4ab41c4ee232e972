package dev.strata.depsolve.repo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * The OpenPGP public keys of a source (Debian Signed-By keyrings, yum {@code gpgkey=} files;
 * binary or armored, each possibly holding several keys), checking signatures: Bouncy Castle reads
 * the OpenPGP packets and the JDK's own providers check the signature, so no Bouncy Castle JCA
 * provider is registered (and its RSA key checks, a Miller-Rabin test of every key's modulus that
 * gpgv does not make either, do not run). Expiry and revocation of the signing key (and of its primary key) are checked here, since Bouncy
 * Castle does not. Immutable once read.
 */
public final class OpenPgpKeys {

  private final List<PGPPublicKeyRingCollection> rings;

  private OpenPgpKeys(List<PGPPublicKeyRingCollection> rings) {
    this.rings = List.copyOf(rings);
  }

  /**
   * Reads key files.
   *
   * @param files binary or armored key files
   * @param what the signed thing, for messages
   * @return the keys
   * @throws RepositoryException when a file is missing or unreadable, or none is given
   */
  public static OpenPgpKeys read(List<Path> files, String what) throws RepositoryException {
    List<PGPPublicKeyRingCollection> rings = new ArrayList<>();
    for (Path k : files) {
      try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(k))) {
        rings.add(new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()));
      } catch (java.nio.file.NoSuchFileException e) {
        throw new RepositoryException("keyring " + k + " named by the source of " + what
            + " does not exist; install it or fix Signed-By (or gpgkey)");
      } catch (IOException | PGPException e) {
        throw new RepositoryException("keyring " + k + " cannot be read (" + e.getMessage()
            + "); replace it with a valid OpenPGP keyring");
      }
    }
    if (rings.isEmpty()) {
      throw new RepositoryException(what + " is signed but its source names no keyring;"
          + " set Signed-By (or gpgkey) to the repository's key");
    }
    return new OpenPgpKeys(rings);
  }

  /**
   * Checks a detached signature over a stream of data.
   *
   * @param signature the signature packet(s), binary or armored
   * @param data the signed data, read to its end
   * @param now the time to check key expiry against
   * @param signer receives the key id of the good signature
   * @return null when one signature is good and made by a valid key, else what is wrong
   * @throws IOException when the data cannot be read
   */
  public String problem(byte[] signature, InputStream data, Instant now, long[] signer)
      throws IOException {
    PGPSignatureList sigs;
    try {
      Object o = new BcPGPObjectFactory(PGPUtil.getDecoderStream(
          new ByteArrayInputStream(signature))).nextObject();
      if (!(o instanceof PGPSignatureList l) || l.isEmpty()) {
        return "no readable OpenPGP signature";
      }
      sigs = l;
    } catch (IOException | RuntimeException e) {
      return "unreadable OpenPGP signature (" + e.getMessage() + ")";
    }
    List<PGPSignature> active = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      for (PGPSignature sig : sigs) {
        PGPPublicKey key = key(sig.getKeyID());
        if (key == null) {
          problems.add("no key " + keyId(sig) + " in the keyring");
          continue;
        }
        sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
        active.add(sig);
      }
      byte[] buf = new byte[1 << 16];
      for (int n; (n = data.read(buf)) > 0; ) {
        for (PGPSignature sig : active) {
          sig.update(buf, 0, n);
        }
      }
      for (PGPSignature sig : active) {
        String p = verified(sig, now, new Instant[1]);
        if (p == null) {
          signer[0] = sig.getKeyID();
          return null;
        }
        problems.add(p);
      }
    } catch (PGPException e) {
      problems.add("unusable signature (" + e.getMessage() + ")");
    }
    return String.join(", ", problems);
  }

  /**
   * Checks one signature over bytes.
   *
   * @param until receives the time until which the signing key stays valid
   * @return null when good and made by a valid key, else what is wrong
   */
  String problem(PGPSignature sig, byte[] signed, Instant now, Instant[] until) throws PGPException {
    PGPPublicKey key = key(sig.getKeyID());
    if (key == null) {
      return "no key " + keyId(sig) + " in the keyring";
    }
    sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
    sig.update(signed);
    return verified(sig, now, until);
  }

  /**
   * Checks that a key (which made a signature checked earlier) is one of these keys and may sign
   * now.
   *
   * @param keyId the key id
   * @param now the time to check key expiry against
   * @return null when it is, else what is wrong
   */
  public String keyProblem(long keyId, Instant now) {
    try {
      PGPPublicKey key = key(keyId);
      if (key == null) {
        return "no key " + String.format("%016X", keyId) + " in the keyring";
      }
      String invalid = invalidReason(key, ring(keyId), now);
      return invalid == null ? null : "key " + String.format("%016X", keyId) + " " + invalid;
    } catch (PGPException e) {
      return "unusable keyring (" + e.getMessage() + ")";
    }
  }

  /** Verifies an initialised and updated signature, then the validity of its key. */
  private String verified(PGPSignature sig, Instant now, Instant[] until) throws PGPException {
    if (!sig.verify()) {
      return "BAD signature by key " + keyId(sig);
    }
    PGPPublicKey key = key(sig.getKeyID());
    PGPPublicKeyRing ring = ring(sig.getKeyID());
    String invalid = invalidReason(key, ring, now);
    if (invalid != null) {
      return "key " + keyId(sig) + " " + invalid;
    }
    Instant end = end(key);
    PGPPublicKey primary = ring == null ? null : ring.getPublicKey();
    if (primary != null && end(primary).isBefore(end)) {
      end = end(primary);
    }
    until[0] = end;
    return null;
  }

  private PGPPublicKey key(long id) throws PGPException {
    PGPPublicKeyRing r = ring(id);
    return r == null ? null : r.getPublicKey(id);
  }

  private PGPPublicKeyRing ring(long id) throws PGPException {
    for (PGPPublicKeyRingCollection c : rings) {
      PGPPublicKeyRing r = c.getPublicKeyRing(id);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static String keyId(PGPSignature sig) {
    return String.format("%016X", sig.getKeyID());
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
    Instant end = end(key);
    return end.isBefore(now) ? "expired on " + end : null;
  }
}
