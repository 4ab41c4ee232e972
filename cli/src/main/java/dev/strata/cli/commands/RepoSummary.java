package dev.strata.cli.commands;

import dev.strata.store.Repo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata repo summary -u}: regenerates the summary file. */
@Command(name = "summary", description = "Regenerate the repository summary (-u).")
final class RepoSummary implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = {"-u", "--update"}, required = true, description = "Update the summary file.")
  boolean update;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    byte[] b = r.updateSummary();
    spec.commandLine().getErr().println("wrote " + r.path().resolve("summary") + " (" + b.length + " bytes)");
    return 0;
  }
}
