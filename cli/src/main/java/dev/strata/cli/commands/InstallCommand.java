package dev.strata.cli.commands;

import dev.strata.depsolve.Plan;
import dev.strata.depsolve.Request;
import dev.strata.depsolve.Solver;
import dev.strata.depsolve.repo.SourcesConfig;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.SolverPackages;
import dev.strata.pkgdiff.PackageLists;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata install PKG...}: layer packages onto the base as a new deployment. With
 * {@code --root=TREE --dry-run} it only plans, against a plain tree's package database and
 * sources (the depsolver's own command, used to compare with apt and libsolv).
 */
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
      description = "With --root: optimiser time limit; the best plan found by then is used (default 10).")
  int timeout;

  @Option(names = "--override", paramLabel = "NAME",
      description = "With --root: let the solver replace this base package (repeatable); all others stay locked.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--with-recommends", description = "With --root: also install recommended packages.")
  boolean recommends;

  @Override
  public Integer call() throws Exception {
    if (root != null) {
      return planOnTree();
    }
    if (!overrides.isEmpty() || recommends || cacheDir != null) {
      throw new IllegalArgumentException("--override, --with-recommends and --cache-dir plan against"
          + " a plain tree and need --root=TREE --dry-run; layering on the sysroot locks every base"
          + " package and leaves recommends out, as rpm-ostree does");
    }
    return LayerCli.run(spec, packages, List.of(), dryRun, json, idempotent, unchanged77);
  }

  private int planOnTree() throws Exception {
    if (!dryRun) {
      throw new IllegalArgumentException("--root plans against a plain tree and never changes it;"
          + " add --dry-run to see the plan, or leave out --root to layer onto the sysroot");
    }
    Plan plan = solverForTree().solve(new Request(packages, recommends, Set.copyOf(overrides),
        Duration.ofSeconds(timeout)));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? PlanRender.json(plan, packages) : PlanRender.text(plan, List.of(), packages));
    out.flush();
    return 0;
  }

  /**
   * Debian trees are read by the depsolver itself (dpkg status, apt sources); a tree without a dpkg
   * status but with Strata's package database (an RPM tree) is solved from that database and its
   * {@code etc/yum.repos.d}.
   */
  private Solver solverForTree() throws IOException {
    Path db = root.resolve(PackageLists.STRATA_DB);
    boolean dpkg = Files.exists(root.resolve(PackageLists.DPKG_STATUS_VAR))
        || Files.exists(root.resolve(PackageLists.DPKG_STATUS));
    if (dpkg || !Files.isRegularFile(db)) {
      return Solver.forTree(root, cacheDir);
    }
    try (PackageDatabase d = PackageDatabase.open(db)) {
      return Solver.of(SolverPackages.installed(d.packages()), SourcesConfig.read(root), cacheDir);
    }
  }
}
