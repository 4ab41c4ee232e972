package dev.strata.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata install PKG...}: layer packages onto the base as a new deployment. */
@Command(name = "install", description = "Layer packages (names or ./FILE.deb|.rpm) onto the base; takes effect on next boot.")
final class InstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PKG", description = "Package names or local package files.")
  List<String> packages = new ArrayList<>();

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = "--json", description = "With --dry-run: print the plan as JSON.")
  boolean json;

  @Option(names = "--idempotent", description = "Succeed when a package is already requested or in the base.")
  boolean idempotent;

  @Option(names = "--unchanged-exit-77", description = "Exit with status 77 when nothing changed.")
  boolean unchanged77;

  @Option(names = "--root", paramLabel = "TREE",
      description = "Plan only (with --dry-run) against a plain tree's package database and sources instead of the sysroot.")
  Path root;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "With --root: where parsed repository metadata is cached (default: none).")
  Path cacheDir;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "With --root: optimiser time limit (default 10).")
  int timeout;

  @Option(names = "--override", paramLabel = "NAME",
      description = "With --root: let the solver replace this base package (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--with-recommends", description = "With --root: also install recommended packages.")
  boolean recommends;

  @Override
  public Integer call() throws Exception {
    if (root != null) {
      Install plan = new Install();
      plan.spec = spec;
      plan.dryRun = dryRun;
      plan.json = json;
      plan.recommends = recommends;
      plan.root = root;
      plan.cacheDir = cacheDir;
      plan.timeout = timeout;
      plan.overrides = overrides;
      plan.packages = packages;
      return plan.call();
    }
    return LayerCli.run(spec, packages, List.of(), dryRun, json, idempotent, unchanged77);
  }
}
