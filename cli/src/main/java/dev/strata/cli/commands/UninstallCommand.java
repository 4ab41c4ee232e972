package dev.strata.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata uninstall PKG...}: rebuild the deployment from the base without these packages. */
@Command(name = "uninstall", description = "Remove layered packages (rebuilds from the base without them); takes effect on next boot.")
final class UninstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PKG", description = "Layered package names.")
  List<String> packages = new ArrayList<>();

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = "--json", description = "With --dry-run: print the plan as JSON.")
  boolean json;

  @Option(names = "--unchanged-exit-77", description = "Exit with status 77 when nothing changed.")
  boolean unchanged77;

  @Override
  public Integer call() throws Exception {
    return LayerCli.run(spec, List.of(), packages, dryRun, json, false, unchanged77);
  }
}
