package dev.strata.cli.commands;

import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.sysroot.Deployment;
import dev.strata.sysroot.StoreRepository;
import dev.strata.sysroot.Sysroot;
import dev.strata.sysroot.SysrootState;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Resolves the revisions the {@code db} verbs take: a deployment index (of the sysroot), a commit
 * checksum or a ref. With {@code --repo} only checksums and refs are known.
 */
final class DbRevisions {
  /**
   * A resolved revision.
   *
   * @param description how the block format names it ("booted deployment", the argument...)
   * @param commit the commit
   */
  record Rev(String description, Checksum commit) {}

  private final Repo repo;
  private final SysrootState state;

  private DbRevisions(Repo repo, SysrootState state) {
    this.repo = repo;
    this.state = state;
  }

  /** Opens {@code repoDir} when given, else the sysroot of the inherited {@code --sysroot}. */
  static DbRevisions open(CommandSpec spec, Path repoDir) throws IOException {
    if (repoDir != null) {
      return new DbRevisions(Repo.open(repoDir), null);
    }
    Sysroot s = SysrootCli.open(spec);
    return new DbRevisions(((StoreRepository) s.repository()).repo(), s.load());
  }

  Repo repo() {
    return repo;
  }

  /** Whether {@code arg} names a deployment index. */
  private static boolean isIndex(String arg) {
    return !arg.isEmpty() && arg.length() < 8 && arg.chars().allMatch(Character::isDigit);
  }

  /** Resolves one argument. */
  Rev resolve(String arg) throws IOException {
    if (isIndex(arg)) {
      if (state == null) {
        throw new IllegalArgumentException("'" + arg + "' is a deployment index, but --repo names no sysroot; "
            + "give a commit checksum or ref, or use --sysroot");
      }
      int i = Integer.parseInt(arg);
      if (i >= state.deployments().size()) {
        throw new IllegalArgumentException("no deployment with index " + i + " (there are "
            + state.deployments().size() + "); see 'strata status' for the deployments");
      }
      return new Rev("deployment " + i, new Checksum(state.deployments().get(i).checksum()));
    }
    return new Rev(arg, repo.resolve(arg));
  }

  /** The running system: the booted deployment, or the default one where nothing is booted. */
  Rev current() {
    Deployment d = state == null ? null : state.current();
    if (d == null) {
      throw new IllegalArgumentException(state == null
          ? "no revision given and --repo names no sysroot; give the commits to compare"
          : "the sysroot has no deployments; deploy a commit first, or give the commits to compare");
    }
    return new Rev(state.booted() != null ? "booted deployment" : "default deployment", new Checksum(d.checksum()));
  }

  /**
   * The default pair: booted to pending; else rollback to booted; where nothing is booted, rollback
   * to default.
   */
  Rev[] defaultPair() {
    Rev cur = current();
    Deployment pending = state.pending();
    if (pending != null) {
      return new Rev[] {cur, new Rev("pending deployment", new Checksum(pending.checksum()))};
    }
    Deployment rollback = state.rollback();
    if (rollback == null) {
      throw new IllegalArgumentException("there is no pending or rollback deployment to compare with the "
          + cur.description() + "; give FROM and TO");
    }
    return new Rev[] {new Rev("rollback deployment", new Checksum(rollback.checksum())), cur};
  }
}
