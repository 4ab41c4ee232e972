package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.PackageSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Loads the packages of every configured source, with verification and the metadata cache. */
public final class Repositories {
  private final Fetcher fetcher = new Fetcher();
  private final PackageCache cache;
  private final Instant now;

  /**
   * @param cacheDir where parsed metadata is cached, or null for none
   * @param now the time against which keys and Valid-Until are checked
   */
  public Repositories(Path cacheDir, Instant now) {
    this.cache = new PackageCache(cacheDir);
    this.now = now;
  }

  /** Waits until the cache files written in the background by {@link #load} are on disk. */
  public void awaitCacheWrites() {
    cache.awaitWrites();
  }

  /**
   * Loads all sources. New Debian index images are written to the cache in the background (see
   * {@link #awaitCacheWrites}).
   *
   * @param sources the sources
   * @param arch the tree's native architecture
   * @param withFilelists also load rpm-md filelists (needed for file-path requests)
   * @return the packages of every index, in source order
   * @throws RepositoryException when a source cannot be fetched, verified or parsed
   */
  public List<PackageSet> load(List<Source> sources, String arch, boolean withFilelists)
      throws RepositoryException {
    List<PackageSet> out = new ArrayList<>();
    for (Source s : sources) {
      if (s.kind() == Source.Kind.DEB) {
        out.addAll(new DebRepository(fetcher, cache, now).load(s, arch));
      } else {
        out.add(PackageSet.of(new RpmRepository(fetcher, cache, now).load(s, withFilelists)));
      }
    }
    return out;
  }
}
