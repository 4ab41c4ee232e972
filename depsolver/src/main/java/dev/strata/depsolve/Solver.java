package dev.strata.depsolve;

import dev.strata.depsolve.internal.Checker;
import dev.strata.depsolve.internal.Core;
import dev.strata.depsolve.internal.Explainer;
import dev.strata.depsolve.internal.Pool;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Op;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.PackageSet;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.repo.Repositories;
import dev.strata.depsolve.repo.Source;
import dev.strata.depsolve.repo.SourcesConfig;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The depsolver facade: what to add to a base tree so that requested packages can be installed,
 * with every base package locked.
 *
 * <p>Typical use: {@code Solver.forTree(root, cacheDir).solve(Request.of("strace"))}. A solver
 * holds the loaded metadata and may answer several requests; it is safe to use from one thread
 * at a time.
 */
public final class Solver {
  private Pool pool;
  private List<PackageSet> available;
  private final InstalledPackages installed;
  private final List<Source> sources;
  /** Where the metadata came from, or null when the caller gave the packages. */
  private final Repositories repositories;
  private boolean filelists;
  /** The local package files of the last request; the pool holds them besides {@code available}. */
  private List<Package> local = List.of();

  private Solver(Pool pool, List<PackageSet> available, InstalledPackages installed,
      List<Source> sources, Repositories repositories) {
    this.pool = pool;
    this.available = available;
    this.installed = installed;
    this.sources = sources;
    this.repositories = repositories;
  }

  /**
   * A solver for a Debian tree: its dpkg status is the base and its own apt sources the
   * repositories (signatures and checksums checked).
   *
   * @param root the tree's root (for example a deployment's checkout)
   * @param cacheDir where parsed metadata is cached, or null for no cache
   * @return the solver
   * @throws IOException when the tree or its repositories cannot be read or verified
   */
  public static Solver forTree(Path root, Path cacheDir) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException(root + " is not a directory; give the root of a deployment");
    }
    List<Source> sources = SourcesConfig.read(root);
    InstalledPackages installed;
    boolean rpm = sources.stream().anyMatch(s -> s.kind() == Source.Kind.RPM)
        && sources.stream().noneMatch(s -> s.kind() == Source.Kind.DEB);
    if (rpm) {
      throw new IOException(root + " is an RPM tree; build the solver with Solver.of and the"
          + " tree's rpmdb package list");
    }
    installed = DpkgStatus.ofTree(root);
    return of(installed, sources, cacheDir);
  }

  /**
   * A solver over a given installed set and configured sources.
   *
   * @param installed the base
   * @param sources the repositories (see {@link SourcesConfig#read})
   * @param cacheDir where parsed metadata is cached, or null
   * @return the solver
   * @throws IOException when a repository cannot be read or verified
   */
  public static Solver of(InstalledPackages installed, List<Source> sources, Path cacheDir)
      throws IOException {
    if (sources.isEmpty()) {
      throw new IOException("the tree configures no package sources; add a source"
          + " (etc/apt/sources.list.d or etc/yum.repos.d)");
    }
    Repositories repositories = new Repositories(cacheDir, Instant.now());
    List<PackageSet> available = repositories.load(sources, installed.nativeArch(), false);
    return new Solver(new Pool(installed.nativeArch(), installed.packages(), available), available,
        installed, List.copyOf(sources), repositories);
  }

  /**
   * A solver over given packages, for tests and callers that load metadata themselves.
   *
   * @param installed the base
   * @param available the repositories' packages
   * @return the solver
   */
  public static Solver of(InstalledPackages installed, List<Package> available) {
    List<PackageSet> sets = List.of(PackageSet.of(available));
    return new Solver(new Pool(installed.nativeArch(), installed.packages(), sets), sets,
        installed, List.of(), null);
  }

  /**
   * Plans the installation of a request. Local package files of the request join the pool for
   * this and later requests with the same files; each is planned as it is (item repository
   * {@link Package#COMMAND_LINE} when the caller gave it that id), keyed in explanations by its
   * location. Metadata cache files that loading started to write in the background are on disk
   * when this returns.
   *
   * @param request what to install
   * @return the plan
   * @throws SolveException when a request names nothing known, is ambiguous, or cannot be met
   *     (then a {@link NoSolutionException} explains why)
   * @throws IOException when file lists needed by a file-path request cannot be loaded
   */
  public Plan solve(Request request) throws SolveException, IOException {
    try {
      return solveNow(request);
    } finally {
      if (repositories != null) {
        repositories.awaitCacheWrites(); // written while this solve ran
      }
    }
  }

  private Plan solveNow(Request request) throws SolveException, IOException {
    if (!filelists && repositories != null && needsFilelists(request)
        && sources.stream().anyMatch(s -> s.kind() == Source.Kind.RPM)) {
      available = repositories.load(sources, installed.nativeArch(), true);
      pool = new Pool(installed.nativeArch(), installed.packages(), withLocal());
      filelists = true;
    }
    if (!request.localPackages().equals(local)) {
      local = request.localPackages();
      pool = new Pool(installed.nativeArch(), installed.packages(), withLocal());
    }
    if (!request.overrides().isEmpty()) {
      return solveWithOverrides(request);
    }
    Core core = new Core(pool, request.withRecommends(), request.overrides());
    Map<String, List<Package>> wanted = new LinkedHashMap<>();
    List<Plan.Satisfied> satisfied = new ArrayList<>();
    for (String req : request.packages()) {
      resolve(req, core, wanted, satisfied);
    }
    resolveLocal(wanted, satisfied);
    if (wanted.isEmpty()) {
      return new Plan(List.of(), satisfied, List.of(), true);
    }
    Core.Outcome out = core.solve(wanted, request.timeLimit().toMillis());
    if (!out.solved()) {
      Explainer.Explanation e = new Explainer(pool, core).explain(wanted, out.core());
      throw new NoSolutionException(e.message(), e.chain());
    }
    return plan(wanted, out.chosen(), satisfied, out.optimal(), request.withRecommends());
  }

  /**
   * Overrides: the named base packages leave the base for this solve; each must come back in
   * some version from the repositories, and the remaining base packages' dependencies must stay
   * met.
   */
  private Plan solveWithOverrides(Request request) throws SolveException {
    List<Package> base = new ArrayList<>();
    List<Package> replaced = new ArrayList<>();
    for (Package q : pool.installed()) {
      (request.overrides().contains(q.name()) ? replaced : base).add(q);
    }
    for (String o : request.overrides()) {
      if (replaced.stream().noneMatch(q -> q.name().equals(o))) {
        throw new SolveException("override " + o + " names no package of the base;"
            + " name a package the base has installed");
      }
    }
    Pool saved = pool;
    pool = new Pool(installed.nativeArch(), base, withLocal());
    try {
      Core core = new Core(pool, request.withRecommends(), Set.of());
      core.requireBaseDependencies();
      Map<String, List<Package>> wanted = new LinkedHashMap<>();
      List<Plan.Satisfied> satisfied = new ArrayList<>();
      for (String req : request.packages()) {
        resolve(req, core, wanted, satisfied);
      }
      resolveLocal(wanted, satisfied);
      for (Package q : replaced) {
        List<Package> again = new ArrayList<>(pool.whatProvides(Relation.of(q.name()), null));
        if (again.isEmpty()) {
          throw new SolveException("no repository offers " + q.name() + " to replace the base's "
              + q.name() + " " + q.evr() + "; add a repository that has it or drop the override");
        }
        again.sort((a, b) -> -a.scheme().compare(a.evr(), b.evr()));
        wanted.put(OVERRIDE + q.name(), again);
      }
      Core.Outcome out = core.solve(wanted, request.timeLimit().toMillis());
      if (!out.solved()) {
        Explainer.Explanation e = new Explainer(pool, core).explain(wanted, out.core());
        throw new NoSolutionException(e.message(), e.chain());
      }
      Plan plan = plan(wanted, out.chosen(), satisfied, out.optimal(), request.withRecommends());
      List<Plan.Item> items = new ArrayList<>();
      for (Plan.Item i : plan.install()) {
        Package old = replaced.stream().filter(q -> q.name().equals(i.name())).findFirst().orElse(null);
        if (old == null && i.requested() && !request.packages().contains(i.name())) {
          old = replaced.stream().filter(q -> i.pkg().provides().stream()
              .anyMatch(r -> r.name().equals(q.name()))).findFirst().orElse(null);
        }
        if (old != null && i.requested() && !request.packages().contains(i.name())) {
          items.add(new Plan.Item(i.pkg(), false, null,
              "replaces base " + old.name() + " " + old.evr() + " (override)"));
        } else {
          items.add(i);
        }
      }
      return new Plan(items, plan.alreadyInstalled(), replaced, plan.optimal());
    } finally {
      pool = saved;
    }
  }

  private static final String OVERRIDE = "override of ";

  /**
   * Checks that adding packages to the base gives a consistent set.
   *
   * @param plan a plan from this solver
   * @param recommends unused for now; recommends never make a set inconsistent
   * @return problems, empty when the plan is installable
   */
  public List<String> check(Plan plan, boolean recommends) {
    List<Package> added = plan.install().stream().map(Plan.Item::pkg).toList();
    if (plan.replaced().isEmpty()) {
      return new Checker(pool).problems(added, recommends);
    }
    Set<Package> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(plan.replaced());
    List<Package> base = pool.installed().stream().filter(q -> !gone.contains(q)).toList();
    Pool p = new Pool(installed.nativeArch(), base, withLocal());
    List<String> problems = new ArrayList<>(new Checker(p).problems(added, recommends));
    problems.addAll(new Checker(p).baseProblems(added));
    return problems;
  }

  private void resolve(String req, Core core, Map<String, List<Package>> wanted,
      List<Plan.Satisfied> satisfied) throws SolveException {
    String name = req;
    Relation rel;
    int eq = req.indexOf('=');
    if (eq > 0) {
      name = req.substring(0, eq);
      rel = new Relation(name, Op.EQ, Evr.parse(req.substring(eq + 1)), null);
    } else {
      rel = Relation.of(name);
    }
    List<Package> named = new ArrayList<>();
    for (Package p : pool.named(name)) {
      if (pool.matches(rel, null, p)) {
        named.add(p);
      }
    }
    if (named.isEmpty() && eq > 0 && !pool.named(name).isEmpty()) {
      throw new SolveException("no version " + req.substring(eq + 1) + " of " + name
          + " in the repositories; pick one of " + versions(pool.named(name)));
    }
    List<Package> cands = named;
    if (cands.isEmpty()) {
      cands = pool.whatProvides(rel, null);
    }
    if (cands.isEmpty()) {
      throw new SolveException("no package " + name + " in the repositories of this tree;"
          + " check the name, or add a repository that has it");
    }
    for (Package p : cands) {
      if (pool.isInstalled(p)) {
        satisfied.add(new Plan.Satisfied(req, p));
        return;
      }
    }
    if (named.isEmpty() && cands.get(0).scheme() == VersionScheme.DEB) {
      Set<String> providers = new LinkedHashSet<>();
      cands.forEach(p -> providers.add(p.name()));
      if (providers.size() > 1) {
        throw new SolveException(name + " is a virtual package provided by "
            + String.join(", ", providers) + "; request one of them by name");
      }
    }
    List<Package> sorted = new ArrayList<>(cands);
    sorted.sort((a, b) -> a.name().equals(b.name()) ? -a.scheme().compare(a.evr(), b.evr()) : 0);
    wanted.put(req, sorted);
  }

  /**
   * Whether rpm-md file lists must be loaded: for a file-path request, or for a file that a local
   * package requires and neither the base nor the primary metadata provides (the repository's
   * primary lists only the files its own packages require).
   */
  private boolean needsFilelists(Request request) {
    if (request.packages().stream().anyMatch(r -> r.startsWith("/"))) {
      return true;
    }
    for (Package p : request.localPackages()) {
      for (Dependency d : p.requires()) {
        if (d instanceof Relation r && r.name().startsWith("/") && pool.whatProvides(r, p).isEmpty()
            && !p.files().contains(r.name())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The repositories' packages with the current request's local package files first. */
  private List<PackageSet> withLocal() {
    if (local.isEmpty()) {
      return available;
    }
    List<PackageSet> all = new ArrayList<>(available.size() + 1);
    all.add(PackageSet.of(local));
    all.addAll(available);
    return all;
  }

  /**
   * Each local package file is wanted as it is (its only candidate is itself), unless the base
   * already has that very package.
   */
  private void resolveLocal(Map<String, List<Package>> wanted, List<Plan.Satisfied> satisfied) {
    for (Package p : local) {
      String label = p.location() != null ? p.location() : p.nva();
      Package same = pool.installed().stream().filter(q -> q.name().equals(p.name())
          && q.arch().equals(p.arch()) && q.scheme().compare(q.evr(), p.evr()) == 0)
          .findFirst().orElse(null);
      if (same != null) {
        satisfied.add(new Plan.Satisfied(label, same));
      } else {
        wanted.put(label, List.of(p));
      }
    }
  }

  private static String versions(List<Package> l) {
    Set<String> v = new LinkedHashSet<>();
    l.forEach(p -> v.add(p.evr().toString()));
    return String.join(", ", v);
  }

  private Plan plan(Map<String, List<Package>> wanted, List<Package> chosen,
      List<Plan.Satisfied> satisfied, boolean optimal, boolean recommends) {
    Set<Package> in = Collections.newSetFromMap(new IdentityHashMap<>());
    in.addAll(chosen);
    Map<Package, Plan.Item> items = new LinkedHashMap<>();
    ArrayDeque<Package> queue = new ArrayDeque<>();
    for (List<Package> cands : wanted.values()) {
      for (Package p : cands) {
        if (in.contains(p) && !items.containsKey(p)) {
          items.put(p, new Plan.Item(p, true, null, null));
          queue.add(p);
          break;
        }
      }
    }
    while (!queue.isEmpty()) {
      Package p = queue.poll();
      List<Dependency> deps = new ArrayList<>(p.requires());
      if (recommends) {
        deps.addAll(p.recommends());
      }
      for (Dependency d : deps) {
        for (Package c : pool.whatProvides(d, p)) {
          if (in.contains(c) && !items.containsKey(c)) {
            items.put(c, new Plan.Item(c, false, p, d.text()));
            queue.add(c);
          }
        }
      }
    }
    List<Package> reached = new ArrayList<>(items.keySet());
    List<Package> unreached = new ArrayList<>();
    for (Package p : chosen) {
      if (!items.containsKey(p)) {
        unreached.add(p);
      }
    }
    if (!unreached.isEmpty() && !new Checker(pool).problems(reached, false).isEmpty()) {
      for (Package p : unreached) {
        items.put(p, new Plan.Item(p, false, null, null));
      }
    }
    return new Plan(new ArrayList<>(items.values()), satisfied, List.of(), optimal);
  }
}
