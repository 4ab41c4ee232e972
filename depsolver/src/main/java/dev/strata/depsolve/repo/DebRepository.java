package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.PackageSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads one Debian source: its {@code InRelease} (signature checked against the source's keyrings)
 * and, per component, the {@code Packages} index ({@code .xz}, {@code .gz} or plain) checked
 * against the SHA-256 listed in {@code InRelease}. Indexes are cached as {@link DebIndex} images
 * under that SHA-256.
 */
final class DebRepository {
  private static final String[] VARIANTS = {".xz", ".gz", ""};
  private final Fetcher fetcher;
  private final PackageCache cache;
  private final Instant now;

  DebRepository(Fetcher fetcher, PackageCache cache, Instant now) {
    this.fetcher = fetcher;
    this.cache = cache;
    this.now = now;
  }

  List<PackageSet> load(Source src, String arch) throws RepositoryException {
    String dist = "dists/" + src.suite() + "/";
    String what = src.uri() + dist + "InRelease";
    byte[] raw = fetcher.fetch(src.uri(), dist + "InRelease");
    if (raw == null) {
      throw new RepositoryException(what + " does not exist; check the source's URI and suite"
          + " (a Release file without InRelease is not supported)");
    }
    String text;
    if (src.checkSignature()) {
      // A verification of these exact bytes against these exact keyrings is remembered with the
      // signing key's expiry, so a warm solve need not run OpenPGP again.
      String memo = verificationKey(raw, src);
      Instant until = memo == null ? null : cache.verifiedUntil(memo);
      if (until != null && now.isBefore(until)) {
        text = InRelease.clearText(raw);
      } else {
        Instant[] end = new Instant[1];
        text = ClearSigned.verify(raw, src.keyrings(), now, what, end);
        if (memo != null && end[0] != null) {
          cache.storeVerified(memo, end[0]);
        }
      }
    } else {
      text = InRelease.clearText(raw);
    }
    InRelease rel = InRelease.parse(text, what);
    if (src.checkSignature() && src.checkValidUntil() && rel.validUntil() != null
        && rel.validUntil().isBefore(now)) {
      throw new RepositoryException(what + " expired on " + rel.validUntil()
          + " (Valid-Until); update the mirror, or set check-valid-until=no on the source");
    }
    List<PackageSet> out = new ArrayList<>();
    for (String comp : src.components()) {
      out.add(loadIndex(src, rel, dist, comp + "/binary-" + arch + "/Packages"));
    }
    return out;
  }

  private static String verificationKey(byte[] inRelease, Source src) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      md.update(inRelease);
      for (java.nio.file.Path k : src.keyrings()) {
        md.update(k.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update(java.nio.file.Files.readAllBytes(k));
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      return null; // a missing keyring: let the verification report it
    }
  }

  private DebIndex loadIndex(Source src, InRelease rel, String dist, String base)
      throws RepositoryException {
    String repoId = src.uri() + " " + src.suite() + "/" + base.substring(0, base.indexOf('/'));
    boolean listed = false;
    for (String v : VARIANTS) {
      InRelease.FileSum sum = rel.sha256().get(base + v);
      if (sum == null) {
        continue;
      }
      listed = true;
      java.nio.ByteBuffer image = cache.mapIndex(sum.sha256());
      DebIndex cached = image == null ? null
          : DebIndex.open(image, sum.sha256(), repoId, src.uri() + dist + base + v);
      if (cached != null) {
        return cached;
      }
    }
    if (!listed) {
      throw new RepositoryException(src.uri() + dist + "InRelease lists no " + base
          + "; check the source's components and the tree's architecture");
    }
    for (String v : VARIANTS) {
      InRelease.FileSum sum = rel.sha256().get(base + v);
      if (sum == null) {
        continue;
      }
      byte[] data = fetcher.fetch(src.uri(), dist + base + v);
      if (data == null) {
        continue;
      }
      String what = src.uri() + dist + base + v;
      String got = Hashes.sha256(data);
      if (!got.equals(sum.sha256())) {
        throw new RepositoryException(what + ": SHA256 " + got + " does not match " + sum.sha256()
            + " listed in InRelease; the mirror is inconsistent or the file is corrupt, fetch it again");
      }
      byte[] plain = Decompress.bySuffix(what, data);
      byte[] image;
      try {
        image = DebIndex.build(plain, sum.sha256(), what);
      } catch (IllegalArgumentException e) {
        throw new RepositoryException(e.getMessage());
      }
      cache.storeIndex(sum.sha256(), image);
      return DebIndex.of(image, repoId, what);
    }
    throw new RepositoryException(src.uri() + dist + base + " (listed in InRelease) cannot be"
        + " found in any of its forms; check the mirror");
  }
}
