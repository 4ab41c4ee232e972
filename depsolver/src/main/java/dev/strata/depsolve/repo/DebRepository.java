package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.PackageSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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

  /**
   * Loads every component of a source. When the InRelease bytes have not been verified before,
   * the OpenPGP verification runs on a second thread while the indexes are fetched, hashed and
   * indexed from the clear text; nothing is cached, and no result or error but the verification's
   * is given, until it has succeeded and its signed text is found to be the text that was used.
   */
  List<PackageSet> load(Source src, String arch) throws RepositoryException {
    String dist = "dists/" + src.suite() + "/";
    String what = src.uri() + dist + "InRelease";
    byte[] raw = fetcher.fetch(src.uri(), dist + "InRelease");
    if (raw == null) {
      throw new RepositoryException(what + " does not exist; check the source's URI and suite"
          + " (a Release file without InRelease is not supported)");
    }
    // A verification of these exact bytes against these exact keyrings is remembered with the
    // signing key's expiry, so a warm solve need not run OpenPGP again.
    String memo = src.checkSignature() ? verificationKey(raw, src) : null;
    Instant until = memo == null ? null : cache.verifiedUntil(memo);
    if (!src.checkSignature() || (until != null && now.isBefore(until))) {
      List<Fresh> fresh = new ArrayList<>();
      List<PackageSet> out = loadAll(src, arch, InRelease.clearText(raw), fresh);
      store(fresh);
      return out;
    }
    Instant[] end = new Instant[1];
    FutureTask<String> verification = new FutureTask<>(
        () -> ClearSigned.verify(raw, src.keyrings(), now, what, end));
    background(verification, "verify " + what);
    List<Fresh> fresh = new ArrayList<>();
    String text = null;
    List<PackageSet> out = null;
    Exception failure = null;
    try {
      text = InRelease.clearText(raw);
      out = loadAll(src, arch, text, fresh);
    } catch (RepositoryException | RuntimeException e) {
      failure = e;
    }
    String signed = join(verification, what);
    timing("InRelease verified");
    if (!signed.equals(text)) {
      // the signed text is not what the clear text seemed to be: load from the signed text alone
      fresh.clear();
      out = loadAll(src, arch, signed, fresh);
    } else {
      if (failure instanceof RepositoryException re) {
        throw re;
      } else if (failure != null) {
        throw (RuntimeException) failure;
      }
      if (memo != null && end[0] != null) {
        cache.storeVerified(memo, end[0]);
      }
    }
    store(fresh);
    return out;
  }

  private static void background(FutureTask<?> task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  /** @return the result of a task run by {@link #background}, once it has finished */
  private static String join(FutureTask<String> task, String what) throws RepositoryException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RepositoryException re) {
        throw re;
      }
      throw new RepositoryException(what + " cannot be checked (" + e.getCause()
          + "); the file is corrupt, fetch it again", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException(what + ": interrupted while checking it; run again");
    }
  }

  private void checkHash(FutureTask<String> hash, InRelease.FileSum sum, String what)
      throws RepositoryException {
    String got = join(hash, what);
    timing("index hash checked");
    if (!got.equals(sum.sha256())) {
      throw new RepositoryException(what + ": SHA256 " + got + " does not match " + sum.sha256()
          + " listed in InRelease; the mirror is inconsistent or the file is corrupt, fetch it again");
    }
  }

  /** A newly built index image, cached once its InRelease is known to be good. */
  private record Fresh(String key, java.nio.ByteBuffer image) {}

  private void store(List<Fresh> fresh) {
    for (Fresh f : fresh) {
      cache.storeIndex(f.key(), f.image());
    }
    timing("cache write started");
  }

  private List<PackageSet> loadAll(Source src, String arch, String text, List<Fresh> fresh)
      throws RepositoryException {
    String dist = "dists/" + src.suite() + "/";
    String what = src.uri() + dist + "InRelease";
    InRelease rel = InRelease.parse(text, what);
    if (src.checkSignature() && src.checkValidUntil() && rel.validUntil() != null
        && rel.validUntil().isBefore(now)) {
      throw new RepositoryException(what + " expired on " + rel.validUntil()
          + " (Valid-Until); update the mirror, or set check-valid-until=no on the source");
    }
    List<PackageSet> out = new ArrayList<>();
    for (String comp : src.components()) {
      out.add(loadIndex(src, rel, dist, comp + "/binary-" + arch + "/Packages", fresh));
    }
    return out;
  }

  private static final boolean TIMING = System.getenv("STRATA_TIMING") != null;
  private long mark = System.nanoTime();

  /** With {@code STRATA_TIMING} set, logs the time since the previous step (for bench/). */
  private void timing(String step) {
    long t = System.nanoTime();
    if (TIMING) {
      System.err.printf("timing: deb %s %.3fs%n", step, (t - mark) / 1e9);
    }
    mark = t;
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

  private DebIndex loadIndex(Source src, InRelease rel, String dist, String base, List<Fresh> fresh)
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
        timing("cached index mapped and checked");
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
      timing("index read");
      // A plain index is hashed on a second thread while it is indexed; a compressed one is only
      // uncompressed once its hash is known to be good.
      FutureTask<String> hash = new FutureTask<>(() -> Hashes.sha256(data));
      if (v.isEmpty()) {
        background(hash, "hash " + what);
      } else {
        hash.run();
        checkHash(hash, sum, what);
      }
      java.nio.ByteBuffer image = null;
      RepositoryException failure = null;
      try {
        image = DebIndex.build(Decompress.bySuffix(what, data), sum.sha256(), what);
        timing("index built");
      } catch (IllegalArgumentException e) {
        failure = new RepositoryException(e.getMessage());
      } catch (RepositoryException e) {
        failure = e;
      }
      checkHash(hash, sum, what);
      if (failure != null) {
        throw failure;
      }
      fresh.add(new Fresh(sum.sha256(), image));
      return DebIndex.of(image, repoId, what);
    }
    throw new RepositoryException(src.uri() + dist + base + " (listed in InRelease) cannot be"
        + " found in any of its forms; check the mirror");
  }
}
