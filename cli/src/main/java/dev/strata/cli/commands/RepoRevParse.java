package dev.strata.cli.commands;

import dev.strata.store.Repo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata repo rev-parse REV}: prints the commit checksum a revision names. */
@Command(name = "rev-parse", description = "Print the commit checksum of a ref or revision (REF, REF^, CHECKSUM).")
final class RepoRevParse implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Parameters(paramLabel = "REV", description = "Ref, REF^ or checksum.")
  String rev;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    String c = r.resolve(rev).hex();
    spec.commandLine().getOut().println(json ? StoreRender.GSON.toJson(java.util.Map.of("rev", rev, "checksum", c)) : c);
    return 0;
  }
}
