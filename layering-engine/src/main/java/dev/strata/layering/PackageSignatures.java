package dev.strata.layering;

import dev.strata.depsolve.repo.OpenPgpKeys;
import dev.strata.depsolve.repo.RepositoryException;
import dev.strata.depsolve.repo.Source;
import dev.strata.pkg.PackageFormatException;
import dev.strata.pkg.rpm.RpmArchive;
import dev.strata.pkg.rpm.RpmSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the OpenPGP signature of each RPM package from a source that requires it (yum
 * {@code gpgcheck=1}) against the keys of the source's {@code gpgkey=} files, read once per
 * source. The header signature (RSAHEADER/DSAHEADER) suffices: it covers the main header, whose
 * digests the reader checks against the payload; packages with only the legacy header+payload
 * signature are checked over both. The key that made a good signature is recorded with the
 * imported package ({@code strata.pkg.signed-by}), so that a package already in the package cache
 * is reused for such a source only when that key is still one of the source's valid keys.
 * Not thread-safe.
 */
final class PackageSignatures {
  private final Map<String, OpenPgpKeys> keys = new HashMap<>();
  private final Instant now;

  PackageSignatures(Instant now) {
    this.now = now;
  }

  /**
   * @param file the package file (already checked against the repository index)
   * @param name the package file's name, for messages
   * @param src the source it comes from
   * @return the id of the key that made the good signature (16 hex digits), or "" when the source
   *     requires none
   * @throws LayeringException when the source requires a signature and the package has no good
   *     one by a valid key of the source
   */
  String check(Path file, String name, Source src) throws IOException {
    if (!required(src)) {
      return "";
    }
    String repo = "repository [" + src.id() + "]";
    RpmSignature sig;
    try (RpmArchive a = RpmArchive.open(file)) {
      sig = a.signature().orElse(null);
    } catch (PackageFormatException e) {
      throw new LayeringException(e.getMessage(), e);
    }
    if (sig == null) {
      throw new LayeringException(name + ": the package is not signed, but " + repo
          + " has gpgcheck=1; sign it with 'rpmsign --addsign' (or use a repository of signed"
          + " packages), or set gpgcheck=0 for " + repo + " to install it unverified");
    }
    String problem;
    long[] signer = new long[1];
    try (InputStream in = sig.signedData(file)) {
      problem = keys(src, name).problem(sig.openPgp(), in, now, signer);
    }
    if (problem == null) {
      return String.format("%016X", signer[0]);
    }
    String what = sig.headerOnly() ? "header signature" : "header+payload signature";
    throw new LayeringException(name + ": the " + what + " is not valid (" + problem + "); "
        + (problem.startsWith("no key ")
            ? "add the key that signed it to gpgkey= of " + repo + " if you trust it, or do not"
                + " install the package"
            : problem.contains(" is revoked") || problem.contains(" expired on ")
                || problem.contains(" primary key")
                ? "update gpgkey= of " + repo + " to the repository's valid key"
                : "the package was changed after it was signed; fetch it from a trustworthy mirror"
                    + " or remove it from the repository"));
  }

  /**
   * @param signedBy the key recorded with a cached package ("" when none was checked)
   * @param src the source that offers the package now
   * @return true when the source requires no signature, or the recorded key is one of its valid
   *     keys
   */
  boolean trusts(String signedBy, Source src) throws IOException {
    if (!required(src)) {
      return true;
    }
    if (signedBy.isEmpty() || src.keyrings().isEmpty()) {
      return false;
    }
    try {
      return keys(src, signedBy).keyProblem(Long.parseUnsignedLong(signedBy, 16), now) == null;
    } catch (LayeringException e) {
      return false;   // unreadable keys: checking the package file again reports it
    }
  }

  private static boolean required(Source src) {
    return src.checkPackageSignatures() && src.kind() == Source.Kind.RPM;
  }

  private OpenPgpKeys keys(Source src, String name) throws LayeringException {
    OpenPgpKeys k = keys.get(src.id());
    if (k != null) {
      return k;
    }
    if (src.keyrings().isEmpty()) {
      throw new LayeringException(name + ": repository [" + src.id() + "] has gpgcheck=1 but"
          + " names no key; add gpgkey=file:///PATH/TO/KEY (file: keys only) or set gpgcheck=0");
    }
    try {
      k = OpenPgpKeys.read(src.keyrings(), "repository [" + src.id() + "]");
    } catch (RepositoryException e) {
      throw new LayeringException(name + ": " + e.getMessage(), e);
    }
    keys.put(src.id(), k);
    return k;
  }
}
