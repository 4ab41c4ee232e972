package dev.strata.cli.commands;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code strata install --dry-run --root=TREE PKG...} (reached through {@link InstallCommand}): plans
 * what would be added to a plain tree to install the packages, with every base package locked.
 * On a plain tree only planning exists, so --dry-run is required.
 */
@Command(name = "install", description = "Plan the packages to layer on a tree (--dry-run).")
final class Install implements Callable<Integer> {
  @Option(names = "--dry-run", description = "Print the plan and change nothing (required for now).")
  boolean dryRun;

  @Option(names = "--json", description = "Print the plan as JSON.")
  boolean json;

  @Option(names = "--with-recommends", description = "Also install recommended packages.")
  boolean recommends;

  @Option(names = "--root", required = true, paramLabel = "TREE",
      description = "Root of the deployment whose package database and sources are used.")
  Path root;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where parsed repository metadata is cached (default: none).")
  Path cacheDir;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Optimiser time limit; the best plan found by then is used (default 10).")
  int timeout;

  @Option(names = "--override", paramLabel = "NAME",
      description = "Let the solver replace this base package (repeatable); all others stay locked.")
  List<String> overrides = new java.util.ArrayList<>();

  @Parameters(arity = "1..*", paramLabel = "PKG", description = "Packages to install.")
  List<String> packages;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!dryRun) {
      throw new IllegalArgumentException("installing is not available yet, only planning;"
          + " add --dry-run to see the plan");
    }
    Solver solver = solver();
    Plan plan = solver.solve(new Request(packages, recommends, Set.copyOf(overrides),
        Duration.ofSeconds(timeout)));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
          .toJson(toJson(plan)));
    } else {
      for (Plan.Satisfied s : plan.alreadyInstalled()) {
        out.println(s.request() + " is already installed in the base ("
            + s.pkg().name() + " " + s.pkg().evr() + ")");
      }
      for (dev.strata.depsolve.model.Package r : plan.replaced()) {
        out.println("Would replace base package " + r.name() + " " + r.evr() + " (override)");
      }
      if (!plan.install().isEmpty()) {
        out.println("Would install " + plan.install().size() + " packages:");
        for (Plan.Item i : plan.install()) {
          out.println("  " + i.name() + " " + i.evr() + " " + i.arch() + " [" + i.repository()
              + "] " + i.reason());
        }
      }
      if (!plan.optimal()) {
        out.println("note: the time limit stopped the search; the plan is valid but may not be"
            + " the smallest");
      }
    }
    out.flush();
    return 0;
  }

  /**
   * Debian trees are read by the depsolver itself (dpkg status, apt sources); a tree without a dpkg
   * status but with Strata's package database (an RPM tree) is solved from that database and its
   * {@code etc/yum.repos.d}.
   */
  private Solver solver() throws IOException {
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

  private static JsonObject toJson(Plan plan) {
    JsonObject o = new JsonObject();
    JsonArray inst = new JsonArray();
    for (Plan.Item i : plan.install()) {
      JsonObject j = new JsonObject();
      j.addProperty("name", i.name());
      j.addProperty("version", i.evr().toString());
      j.addProperty("arch", i.arch());
      j.addProperty("repository", i.repository());
      j.addProperty("requested", i.requested());
      if (i.neededBy() != null) {
        j.addProperty("neededBy", i.neededBy().name());
        j.addProperty("relation", i.relation());
      }
      j.addProperty("reason", i.reason());
      if (i.pkg().location() != null) {
        j.addProperty("location", i.pkg().location());
      }
      inst.add(j);
    }
    o.add("install", inst);
    JsonArray sat = new JsonArray();
    for (Plan.Satisfied s : plan.alreadyInstalled()) {
      JsonObject j = new JsonObject();
      j.addProperty("request", s.request());
      j.addProperty("name", s.pkg().name());
      j.addProperty("version", s.pkg().evr().toString());
      j.addProperty("arch", s.pkg().arch());
      sat.add(j);
    }
    o.add("alreadyInstalled", sat);
    o.addProperty("optimal", plan.optimal());
    return o;
  }
}
