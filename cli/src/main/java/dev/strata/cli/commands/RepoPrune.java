package dev.strata.cli.commands;

import dev.strata.store.PruneReport;
import dev.strata.store.Repo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata repo prune [--refs-only]}: deletes unreachable objects. */
@Command(name = "prune", description = "Delete objects nothing reaches.")
final class RepoPrune implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = "--refs-only", description = "Only refs (and their history) keep objects alive; unreferenced commits go too.")
  boolean refsOnly;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    PruneReport p = r.prune(refsOnly);
    spec.commandLine().getOut().println("Total objects: " + p.total());
    spec.commandLine().getOut().println(p.deleted() == 0 ? "No unreachable objects"
        : "Deleted " + p.deleted() + " objects, " + p.bytesFreed() + " bytes freed");
    return 0;
  }
}
