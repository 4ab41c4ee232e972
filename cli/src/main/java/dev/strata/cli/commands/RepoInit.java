package dev.strata.cli.commands;

import dev.strata.store.Repo;
import dev.strata.store.RepoMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code strata repo init --repo=DIR --mode=bare|bare-user|archive}. */
@Command(name = "init", description = "Create a repository (archive is written as archive-z2).")
final class RepoInit implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = "--mode", defaultValue = "bare", paramLabel = "MODE",
      description = "bare, bare-user, bare-user-only or archive (default: ${DEFAULT-VALUE}).")
  String mode;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Repo r = Repo.init(repo.repo, RepoMode.parse(mode));
    spec.commandLine().getErr().println("repository " + r.path() + " (" + r.mode().configName() + ") ready");
    return 0;
  }
}
