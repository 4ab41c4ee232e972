package dev.strata.layering;

import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.repo.Source;
import dev.strata.layering.importer.CachedPackage;
import dev.strata.layering.importer.PackageImporter;
import dev.strata.store.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Downloads repository packages into the package cache directory ({@code /var/cache/strata/pkgs}
 * of the stateroot), checking size and SHA-256 against the repository index and, for sources
 * that require it (yum {@code gpgcheck=1}), the package's own OpenPGP signature
 * ({@link PackageSignatures}). A file is checked before it enters the cache, and again when taken
 * from it (the check is cheap, and the source's settings may have changed since).
 */
final class PackageFetcher {
  private final Path cacheDir;
  private final List<Source> sources;
  private final PackageSignatures signatures = new PackageSignatures(java.time.Instant.now());
  private HttpClient http;

  PackageFetcher(Path cacheDir, List<Source> sources) {
    this.cacheDir = cacheDir;
    this.sources = sources;
  }

  /**
   * A package file in the cache, verified.
   *
   * @param file the file
   * @param signedBy the key id of its good signature, or "" when its source requires none
   */
  record Fetched(Path file, String signedBy) {}

  /**
   * @return the verified file in the cache (size, digest and, where required, signature)
   */
  Fetched fetch(Package p) throws IOException {
    if (p.location() == null || p.sha256() == null) {
      throw new LayeringException("the repository index gives no location or SHA-256 for " + p.nva()
          + "; use a repository whose index lists SHA256 sums");
    }
    Source src = source(p);
    String base = p.location().substring(p.location().lastIndexOf('/') + 1);
    Files.createDirectories(cacheDir);
    Path dest = cacheDir.resolve(p.sha256().substring(0, 16) + "-" + base);
    if (Files.isRegularFile(dest) && Files.size(dest) == p.size()
        && PackageImporter.sha256(dest).equals(p.sha256())) {
      return new Fetched(dest, signatures.check(dest, base, src));
    }
    URI u = src.uri().resolve(p.location());
    Path tmp = cacheDir.resolve(".tmp-" + AtomicFiles.randomSuffix() + "-" + base);
    try {
      try (InputStream in = open(u)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      long size = Files.size(tmp);
      String sum = PackageImporter.sha256(tmp);
      if ((p.size() > 0 && size != p.size()) || !sum.equalsIgnoreCase(p.sha256())) {
        throw new LayeringException("downloaded " + u + " does not match the repository index (size "
            + size + ", sha256 " + sum + "; expected " + p.size() + ", " + p.sha256()
            + "); the mirror is inconsistent or tampered with, retry later or use another mirror");
      }
      String signedBy = signatures.check(tmp, base, src);
      AtomicFiles.fsync(tmp);
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Fetched(dest, signedBy);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * @return true when a package already imported may stand for {@code p}: its source requires no
   *     signature, or the key recorded at import is still one of the source's valid keys
   */
  boolean trusts(CachedPackage c, Package p) throws IOException {
    return signatures.trusts(c.signedBy(), source(p));
  }

  private Source source(Package p) throws LayeringException {
    return sources.stream().filter(s -> p.repository().equals(s.id())
            || p.repository().startsWith(s.uri().toString()))
        .findFirst().orElseThrow(() -> new LayeringException("no configured source matches repository "
            + p.repository() + " of " + p.nva() + "; check the tree's sources"));
  }

  private InputStream open(URI u) throws IOException {
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    if (scheme.equals("file")) {
      return Files.newInputStream(Path.of(u));
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new LayeringException("cannot fetch " + u + ": unsupported scheme; use file:, http: or https:");
    }
    if (http == null) {
      http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(30)).build();
    }
    try {
      HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(u).GET()
          .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        r.body().close();
        throw new LayeringException("cannot fetch " + u + ": HTTP " + r.statusCode()
            + "; check the source or refresh the repository metadata");
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + u);
    }
  }
}
