package dev.strata.sysroot;

import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.Repo;
import dev.strata.store.checkout.Checkout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sysroot's view of Strata's OSTree store ({@link Repo}) at {@code ostree/repo}. */
public final class StoreRepository implements SysrootRepository {
  private final Repo repo;

  /** Wraps an open repository. */
  public StoreRepository(Repo repo) {
    this.repo = repo;
  }

  /** Opens the repository of a sysroot ({@code ROOT/ostree/repo}). */
  public static StoreRepository ofSysroot(Path root) throws IOException {
    return new StoreRepository(Repo.open(root.resolve("ostree/repo")));
  }

  /** The wrapped repository. */
  public Repo repo() {
    return repo;
  }

  @Override
  public String resolve(String refOrChecksum) throws IOException {
    return repo.resolve(refOrChecksum).hex();
  }

  @Override
  public CommitInfo commitInfo(String checksum) throws IOException {
    Commit c = repo.readCommit(new Checksum(checksum));
    return new CommitInfo(c.metadataString("version").orElse(null), c.timestamp());
  }

  @Override
  public void checkout(String checksum, Path destination) throws IOException {
    Checkout.of(repo, new Checksum(checksum)).destination(destination).call();
  }

  @Override
  public Map<String, String> refs(String prefix) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    repo.refs().list().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        m.put(k, v.hex());
      }
    });
    return m;
  }

  @Override
  public String prune() throws IOException {
    dev.strata.store.PruneReport r = repo.prune(true);
    return "Pruned " + r.deleted() + " of " + r.total() + " objects, " + (r.bytesFreed() / 1024) + " KiB freed";
  }

  @Override
  public void setRef(String name, String checksum) throws IOException {
    if (checksum == null) {
      repo.refs().delete(name);
    } else {
      repo.refs().set(name, new Checksum(checksum));
    }
  }
}
