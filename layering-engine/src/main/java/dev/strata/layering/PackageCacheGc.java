package dev.strata.layering;

import dev.strata.layering.importer.CachedPackage;
import dev.strata.pkgdiff.PackageList;
import dev.strata.pkgdiff.PackageLists;
import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.Repo;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Drops package-cache refs ({@code strata/pkg/...}) that no deployment uses any more, as
 * rpm-ostree drops its unused {@code rpmostree/pkg/*} branches, so that a following prune frees
 * their objects. A cached package is in use when a deployed layered commit's package list holds
 * the same name, version and architecture. Refs that are not current package-cache commits
 * (another unpack version) are dropped too: layering would import those packages again anyway.
 */
public final class PackageCacheGc {
  private static final String PREFIX = "strata/pkg/";

  private PackageCacheGc() {}

  /**
   * Deletes the unused package-cache refs. The caller holds the sysroot lock.
   *
   * @param repo the sysroot's repository
   * @param deployed the commits of every deployment that stays
   * @return how many refs were deleted
   * @throws IOException when a deployed commit or a ref cannot be read or a ref not deleted
   */
  public static int prune(Repo repo, Collection<Checksum> deployed) throws IOException {
    Set<String> used = new HashSet<>();
    for (Checksum c : deployed) {
      Commit commit = repo.readCommit(c);
      if (!commit.metadata().containsKey("strata.layer-version")) {
        continue;   // a base commit: nothing in it came from the package cache
      }
      for (PackageList.Package p : PackageLists.read(repo, c).list().packages()) {
        used.add(p.nevra());
      }
    }
    int removed = 0;
    for (Map.Entry<String, Checksum> r : repo.refs().list().entrySet()) {
      if (!r.getKey().startsWith(PREFIX)) {
        continue;
      }
      CachedPackage p = repo.hasObject(r.getValue(), dev.strata.store.ObjectType.COMMIT)
          ? CachedPackage.fromCommit(r.getValue(), repo.readCommit(r.getValue())) : null;
      if (p == null || !used.contains(nevra(p))) {
        repo.refs().delete(r.getKey());
        removed++;
      }
    }
    return removed;
  }

  private static String nevra(CachedPackage p) {
    int epoch = p.epoch() == null || p.epoch().isEmpty() ? 0 : Integer.parseInt(p.epoch());
    return new PackageList.Package(p.name(), epoch, p.version(), p.release(), p.arch()).nevra();
  }
}
