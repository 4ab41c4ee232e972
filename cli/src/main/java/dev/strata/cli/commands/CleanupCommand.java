package dev.strata.cli.commands;

import dev.strata.sysroot.Deployment;
import dev.strata.sysroot.Sysroot;
import dev.strata.sysroot.SysrootState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata cleanup}: remove the pending and/or rollback deployment, then the package-cache
 * entries no remaining deployment uses, then unreferenced files and repository objects.
 */
@Command(name = "cleanup", description = "Remove the pending and/or rollback deployment.")
final class CleanupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-p", "--pending"}, description = "Remove the pending deployment.")
  boolean pending;

  @Option(names = {"-r", "--rollback"}, description = "Remove the rollback deployment.")
  boolean rollback;

  @Option(names = {"-b", "--base"}, description = "Remove unreferenced deployment and boot files.")
  boolean base;

  @Override
  public Integer call() throws Exception {
    if (!pending && !rollback && !base) {
      throw new IllegalArgumentException(
          "nothing to clean up; give --pending, --rollback or --base (see 'strata cleanup --help')");
    }
    Sysroot s = SysrootCli.open(spec);
    try (Sysroot.Held l = s.lock()) {
      SysrootState st = s.load();
      List<Deployment> remove = new ArrayList<>();
      if (pending && st.pending() != null) {
        remove.add(st.pending());
      }
      if (rollback && st.rollback() != null) {
        remove.add(st.rollback());
      }
      for (Deployment d : remove) {
        spec.commandLine().getErr().println("Removing deployment " + d.name());
      }
      if (!remove.isEmpty()) {
        s.removeDeployments(remove);
      } else if (pending || rollback) {
        spec.commandLine().getErr().println("No " + (pending && rollback ? "pending or rollback" : pending ? "pending" : "rollback") + " deployment to remove.");
      }
      dev.strata.store.Repo repo = ((dev.strata.sysroot.StoreRepository) s.repository()).repo();
      List<dev.strata.store.Checksum> kept = s.load().deployments().stream()
          .map(d -> new dev.strata.store.Checksum(d.checksum())).toList();
      int dropped = dev.strata.layering.PackageCacheGc.prune(repo, kept);
      if (dropped > 0) {
        spec.commandLine().getErr().println("Dropped " + dropped + " unused package-cache "
            + (dropped == 1 ? "entry" : "entries"));
      }
      s.cleanup();
    }
    return 0;
  }
}
