package dev.strata.layering;

import dev.strata.depsolve.Plan;
import dev.strata.depsolve.Request;
import dev.strata.depsolve.SolveException;
import dev.strata.layering.assemble.PackageDbWriter;
import dev.strata.layering.assemble.TreeAssembler;
import dev.strata.layering.importer.CachedPackage;
import dev.strata.layering.importer.PackageImporter;
import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.CommitBuilder;
import dev.strata.store.Repo;
import dev.strata.store.RepoMode;
import dev.strata.store.gvariant.Variant;
import dev.strata.store.util.AtomicFiles;
import dev.strata.store.util.Failpoints;
import dev.strata.sysroot.Deployment;
import dev.strata.sysroot.Origin;
import dev.strata.sysroot.Sysroot;
import dev.strata.sysroot.SysrootState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One layering transaction, rpm-ostree style "from scratch": the merge deployment's base plus the
 * requested packages (after this install or uninstall) become a new commit with the base as parent,
 * deployed as the new default. Single use: configure, then {@link #call()}.
 *
 * <p>Order: resolve, fetch, import into the package cache, check out the base by hardlinks, overlay
 * the packages, scripts and dpkg database ({@link ScriptPhase}), rpmdb-shim database, commit,
 * deploy. Everything before the deploy is staged under the repository's {@code tmp/}; a failure or
 * a crash at any point leaves the sysroot as it was (failpoints {@code layer::*}).
 */
public final class LayerTransaction {
  /** Layer format version written as {@code strata.layer-version}. */
  public static final int LAYER_VERSION = 1;

  private final Sysroot sysroot;
  private final Repo repo;
  private final List<String> install = new ArrayList<>();
  private final List<String> uninstall = new ArrayList<>();
  private boolean idempotent;
  private boolean dryRun;
  private ScriptPhase scripts;
  private Consumer<String> log = s -> { };
  private boolean used;

  private LayerTransaction(Sysroot sysroot, Repo repo) {
    this.sysroot = sysroot;
    this.repo = repo;
  }

  /**
   * A transaction on a sysroot.
   *
   * @param sysroot the sysroot
   * @param repo its repository ({@code ostree/repo})
   * @return the transaction to configure
   */
  public static LayerTransaction on(Sysroot sysroot, Repo repo) {
    return new LayerTransaction(sysroot, repo);
  }

  /** @param pkgs names (or paths of local .deb/.rpm files) to add to the requested packages */
  public LayerTransaction install(List<String> pkgs) {
    install.addAll(pkgs);
    return this;
  }

  /** @param pkgs requested names to remove */
  public LayerTransaction uninstall(List<String> pkgs) {
    uninstall.addAll(pkgs);
    return this;
  }

  /** @param on treat already requested / already installed packages as success */
  public LayerTransaction idempotent(boolean on) {
    idempotent = on;
    return this;
  }

  /** @param on only resolve and report the plan */
  public LayerTransaction dryRun(boolean on) {
    dryRun = on;
    return this;
  }

  /** @param phase the script and dpkg-database step (null: packages with scripts are refused) */
  public LayerTransaction scripts(ScriptPhase phase) {
    scripts = phase;
    return this;
  }

  /** @param sink progress lines */
  public LayerTransaction progress(Consumer<String> sink) {
    log = sink;
    return this;
  }

  /** What the transaction did. */
  public enum Outcome {
    /** A new deployment is the default for next boot. */
    DEPLOYED,
    /** The request changes nothing; nothing was written. */
    UNCHANGED,
    /** Dry run: the plan only. */
    PLANNED
  }

  /**
   * The result.
   *
   * @param outcome what happened
   * @param spec the requested state after the transaction
   * @param plan the solver's plan (null for an uninstall down to the base)
   * @param packages the layered packages (cached) in the new tree
   * @param commit the new commit (null unless deployed)
   * @param deployment the new deployment (null unless deployed)
   * @param notes human-readable remarks (already requested, satisfied by the base...)
   */
  public record Result(Outcome outcome, LayeringSpec spec, Plan plan, List<CachedPackage> packages,
      String commit, Deployment deployment, List<String> notes) {}

  /**
   * Runs the transaction under the sysroot lock.
   *
   * @return the result
   * @throws LayeringException (or another IOException with a one-line message) on any failure;
   *     nothing is changed on the sysroot then
   */
  public Result call() throws IOException {
    if (used) {
      throw new IllegalStateException("a LayerTransaction runs once");
    }
    used = true;
    try (Sysroot.Held l = sysroot.lock()) {
      cleanStale();
      return run();
    } catch (SolveException e) {
      throw new LayeringException(e.getMessage(), e);
    }
  }

  private static final boolean TIMING = System.getenv("STRATA_TIMING") != null;
  private long mark = System.nanoTime();

  /** With {@code STRATA_TIMING} set, logs the time since the previous step (for bench/). */
  private void timing(String step) {
    long now = System.nanoTime();
    if (TIMING) {
      log.accept(String.format("timing: layer %s %.3fs", step, (now - mark) / 1e9));
    }
    mark = now;
  }

  private Result run() throws IOException, SolveException {
    timing("start");
    SysrootState s = sysroot.load();
    Deployment cur = s.current();
    if (cur == null) {
      throw new LayeringException("no deployment on " + sysroot.root()
          + "; deploy a base first with 'strata admin deploy REF'");
    }
    Deployment merge = s.mergeDeployment(cur.osname());
    Path mergeDir = sysroot.deploymentDirectory(merge);
    LayeringSpec spec = LayeringSpec.fromOrigin(merge.origin());
    Checksum mergeCommit = new Checksum(merge.checksum());
    Commit mc = repo.readCommit(mergeCommit);
    Checksum base = mc.metadata().containsKey("strata.layer-version") && mc.parent().isPresent()
        ? mc.parent().get() : mergeCommit;
    List<String> notes = new ArrayList<>();
    PackageImporter importer = new PackageImporter(repo);

    Set<String> names = new LinkedHashSet<>();
    List<Path> localFiles = new ArrayList<>();
    for (String a : install) {
      if ((a.endsWith(".deb") || a.endsWith(".rpm")) && a.contains("/")) {
        localFiles.add(Path.of(a).toAbsolutePath());
      } else if (spec.requested().contains(a)) {
        alreadyNote(notes, a + " is already requested; nothing to do for it");
      } else {
        names.add(a);
      }
    }
    List<String> removeLocal = new ArrayList<>();
    for (String u : uninstall) {
      if (spec.requested().contains(u)) {
        continue;
      }
      String local = localEntryNamed(importer, spec, u);
      if (local == null) {
        throw new LayeringException(u + " is not a layered package of the current deployment"
            + " (requested: " + String.join(", ", spec.requested()) + "); check 'strata status'");
      }
      removeLocal.add(local);
    }
    LayeringSpec target = spec.minus(uninstall, removeLocal).plus(names, List.of());

    Path var = sysroot.root().resolve("ostree/deploy/" + merge.osname() + "/var");
    Path cache = var.resolve("cache/strata");
    Plan plan = null;
    List<CachedPackage> pkgs = new ArrayList<>();
    List<dev.strata.depsolve.model.Package> local = new ArrayList<>();
    for (Path f : localFiles) {
      local.add(LocalPackages.ofFile(f));
    }
    List<CachedPackage> keptLocal = new ArrayList<>();
    for (String e : target.requestedLocal()) {
      if (local.stream().anyMatch(l -> e.startsWith(l.sha256() + ":"))) {
        continue;
      }
      CachedPackage p = cachedLocal(importer, e);
      if (p == null) {
        throw new LayeringException("the local package " + e + " is no longer in the package cache;"
            + " install its file again with 'strata install ./FILE'");
      }
      keptLocal.add(p);
      local.add(LocalPackages.ofCached(p));
    }
    if (!target.requested().isEmpty() || !local.isEmpty()) {
      log.accept("Resolving " + String.join(", ", target.requested())
          + (local.isEmpty() ? "" : (target.requested().isEmpty() ? "" : ", ") + local.size()
              + " local package(s)") + " against base " + base.hex().substring(0, 10));
      BaseTree bt = BaseTree.of(repo, base, mergeDir);
      Request request = new Request(target.requested(), false, Set.of(), java.time.Duration.ofSeconds(10),
          local);
      List<String> planKey = new ArrayList<>(target.requested());
      local.forEach(p -> planKey.add(dev.strata.depsolve.model.Package.COMMAND_LINE + " " + p.sha256()));
      PlanCache pc = PlanCache.of(cache.resolve("plans"), base, planKey, bt.sources());
      plan = pc == null ? null : pc.load();
      if (plan == null) {
        dev.strata.depsolve.Solver solver = bt.solver(cache.resolve("metadata"));
        timing("load-metadata");
        try {
          plan = solver.solve(request);
        } catch (dev.strata.depsolve.NoSolutionException e) {
          throw LocalPackages.explain(e, local);
        }
        if (pc != null) {
          pc.store(plan);
        }
      }
      for (Plan.Satisfied sat : plan.alreadyInstalled()) {
        if (names.contains(sat.request())) {
          alreadyNote(notes, sat.request() + " is already provided by the base ("
              + sat.pkg().nva() + "); nothing to layer for it");
          target = target.minus(List.of(sat.request()), List.of());
        }
      }
      timing("solve");
      if (dryRun) {
        return new Result(Outcome.PLANNED, target, plan, List.of(), null, null, notes);
      }
      // every package is fetched and checked (digest, signature) before any is imported
      PackageFetcher fetcher = new PackageFetcher(cache.resolve("pkgs"), bt.sources());
      record Fetched(Plan.Item item, int n, CachedPackage cached, PackageFetcher.Fetched file) {}
      List<Fetched> fetched = new ArrayList<>();
      int i = 0;
      for (Plan.Item it : plan.install()) {
        i++;
        if (LocalPackages.isLocal(it)) {
          continue;
        }
        Optional<CachedPackage> have = importer.lookup(it.name(), it.evr().toString(), it.arch());
        if (have.isPresent() && have.get().fileSha256().equalsIgnoreCase(
            String.valueOf(it.pkg().sha256())) && fetcher.trusts(have.get(), it.pkg())) {
          log.accept(String.format("[%d/%d] %s %s (cached)", i, plan.install().size(), it.name(), it.evr()));
          fetched.add(new Fetched(it, i, have.get(), null));
          continue;
        }
        log.accept(String.format("[%d/%d] fetching %s %s", i, plan.install().size(), it.name(), it.evr()));
        fetched.add(new Fetched(it, i, null, fetcher.fetch(it.pkg())));
        Failpoints.hit("layer::after-fetch");
      }
      for (Fetched f : fetched) {
        if (f.cached() != null) {
          pkgs.add(f.cached());
          continue;
        }
        log.accept(String.format("[%d/%d] importing %s %s", f.n(), plan.install().size(),
            f.item().name(), f.item().evr()));
        pkgs.add(importer.importFile(f.file().file(), f.file().signedBy()));
        Failpoints.hit("layer::after-import");
      }
    } else if (dryRun) {
      return new Result(Outcome.PLANNED, target, null, List.of(), null, null, notes);
    }
    timing("fetch-import");
    List<String> localEntries = new ArrayList<>();
    for (Path f : localFiles) {
      CachedPackage p = importer.importFile(f, "");
      pkgs.add(p);
      localEntries.add(p.fileSha256() + ":" + p.nevra());
    }
    pkgs.addAll(keptLocal);
    target = target.plus(List.of(), localEntries);
    if (dryRun) {
      return new Result(Outcome.PLANNED, target, plan, pkgs, null, null, notes);
    }
    String inputs = inputsDigest(base, target, pkgs);
    String mergeInputs = mc.metadataString("strata.inputs-sha256").orElse(null);
    boolean unchanged = target.layered() ? inputs.equals(mergeInputs)
        : mergeCommit.equals(base) && !spec.layered();
    if (unchanged) {
      return new Result(Outcome.UNCHANGED, target, plan, pkgs, null, null, notes);
    }
    Origin origin = target.toOrigin(merge.origin());
    Deployment d = target.layered()
        ? assembleAndDeploy(base, target, pkgs, inputs, merge.osname(), origin)
        : deploy(merge.osname(), base.hex(), origin, null);
    return new Result(Outcome.DEPLOYED, target, plan, pkgs, d.checksum(), d, notes);
  }

  private void alreadyNote(List<String> notes, String msg) throws LayeringException {
    if (!idempotent) {
      throw new LayeringException(msg.replace("; nothing to do for it", "")
          .replace("; nothing to layer for it", "") + "; use --idempotent to accept this");
    }
    notes.add(msg);
  }

  /** Deploys a commit, from {@code checkedOut} (a relinked checkout of it) when not null. */
  private Deployment deploy(String osname, String commit, Origin origin, Path checkedOut)
      throws IOException {
    log.accept("Deploying " + commit.substring(0, 10));
    timing("before-deploy");
    Deployment d = checkedOut == null ? sysroot.deploy(osname, commit, origin, null)
        : sysroot.deployCheckedOut(osname, commit, origin, checkedOut);
    timing("deploy");
    return d;
  }

  /**
   * Assembles, commits and deploys the layered tree. In a bare repository the committed staging
   * tree is relinked into a checkout of the new commit and becomes the deployment itself.
   */
  private Deployment assembleAndDeploy(Checksum base, LayeringSpec target, List<CachedPackage> pkgs,
      String inputs, String osname, Origin origin) throws IOException {
    Path work = repo.path().resolve("tmp/strata-layer-" + AtomicFiles.randomSuffix());
    Files.createDirectories(work);
    // what only reads the repository runs on another core meanwhile: the package database and
    // the devino cache of the objects the tree is made of
    try (BackgroundSteps bg = new BackgroundSteps()) {
      List<Checksum> parts = new ArrayList<>(List.of(base));
      pkgs.forEach(p -> parts.add(p.commit()));
      CompletableFuture<Map<String, Checksum>> inodes =
          bg.start(() -> TreeAssembler.objectInodes(repo, parts));
      CompletableFuture<PackageDbWriter.Prepared> db =
          bg.start(() -> PackageDbWriter.prepare(repo, base, pkgs, work.resolve("pkgdb")));
      log.accept("Checking out base " + base.hex().substring(0, 10));
      TreeAssembler asm = TreeAssembler.checkoutBase(repo, base, work.resolve("root"));
      Failpoints.hit("layer::after-checkout");
      timing("checkout");
      for (CachedPackage p : pkgs) {
        asm.overlay(p);
      }
      Failpoints.hit("layer::after-overlay");
      timing("overlay");
      if (scripts != null && needsScripts(pkgs)) {
        scripts.run(asm.root(), pkgs, log);
      } else {
        refuseScripts(pkgs);
        dev.strata.layering.assemble.DpkgPackages.recordInstalled(asm.root(), pkgs);
      }
      Failpoints.hit("layer::after-scripts");
      timing("scripts");
      PackageDbWriter.Prepared pdb = BackgroundSteps.await(db);
      PackageDbWriter.install(pdb, asm.root());
      Failpoints.hit("layer::after-db");
      timing("package-db");
      Commit bc = repo.readCommit(base);
      log.accept("Committing");
      boolean relink = repo.mode() == RepoMode.BARE;
      CommitBuilder b = repo.newCommit().tree(asm.root()).orphan(true).parent(Optional.of(base))
          .knownInodes(BackgroundSteps.await(inodes)).relinkTree(relink)
          .bindings(false).subject("Layered " + String.join(", ", target.requested()))
          .metadata("strata.packages", new Variant("as", allRequested(target, pkgs)))
          .metadata("strata.layer-version", new Variant("u", LAYER_VERSION))
          .metadata("strata.inputs-sha256", Variant.ofString(inputs));
      pdb.packages().addTo(b);
      bc.metadataString("version").ifPresent(v -> b.metadataString("version", v));
      String c = b.call().checksum().hex();
      Failpoints.hit("layer::after-commit");
      timing("commit");
      return deploy(osname, c, origin, relink ? asm.root() : null);
    } finally {
      AtomicFiles.deleteTree(work);
    }
  }

  private static List<String> allRequested(LayeringSpec t, List<CachedPackage> pkgs) {
    List<String> l = new ArrayList<>(t.requested());
    for (String e : t.requestedLocal()) {
      for (CachedPackage p : pkgs) {
        if (e.startsWith(p.fileSha256() + ":")) {
          l.add(p.name());
        }
      }
    }
    return l;
  }

  /** Whether any package has an install-time script or a trigger. */
  private static boolean needsScripts(List<CachedPackage> pkgs) {
    for (CachedPackage p : pkgs) {
      if (!p.triggers().isEmpty()) {
        return true;
      }
      for (CachedPackage.ScriptText s : p.scripts()) {
        if (!s.kind().equals("PRE_REMOVE") && !s.kind().equals("POST_REMOVE")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Without a script runner, packages that need scripts cannot be layered correctly. */
  private static void refuseScripts(List<CachedPackage> pkgs) throws LayeringException {
    for (CachedPackage p : pkgs) {
      for (CachedPackage.ScriptText s : p.scripts()) {
        if (!s.kind().equals("PRE_REMOVE") && !s.kind().equals("POST_REMOVE")) {
          throw new LayeringException("package " + p.nevra() + " has a " + s.kind()
              + " script and no script runner is configured; layer it with a build that has the sandbox");
        }
      }
    }
  }

  static String inputsDigest(Checksum base, LayeringSpec t, List<CachedPackage> pkgs) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      StringBuilder sb = new StringBuilder("strata-layer " + LAYER_VERSION + "\nbase " + base.hex() + "\n");
      t.requested().forEach(r -> sb.append("request ").append(r).append('\n'));
      t.requestedLocal().forEach(r -> sb.append("local ").append(r).append('\n'));
      pkgs.stream().map(p -> p.name() + " " + p.fileSha256() + " " + p.commit().hex()).sorted()
          .forEach(x -> sb.append("pkg ").append(x).append('\n'));
      return HexFormat.of().formatHex(d.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String localEntryNamed(PackageImporter importer, LayeringSpec spec, String name)
      throws IOException {
    for (String e : spec.requestedLocal()) {
      CachedPackage p = cachedLocal(importer, e);
      if (p != null && p.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private CachedPackage cachedLocal(PackageImporter importer, String entry) throws IOException {
    String sha = entry.substring(0, entry.indexOf(':'));
    for (var r : repo.refs().list().entrySet()) {
      if (r.getKey().startsWith("strata/pkg/")) {
        CachedPackage p = CachedPackage.fromCommit(r.getValue(), repo.readCommit(r.getValue()));
        if (p != null && p.fileSha256().equals(sha)) {
          return p;
        }
      }
    }
    return null;
  }

  /** Deletes staging directories a killed transaction left in the repository's tmp/. */
  private void cleanStale() throws IOException {
    Path tmp = repo.path().resolve("tmp");
    if (!Files.isDirectory(tmp)) {
      return;
    }
    try (Stream<Path> st = Files.list(tmp)) {
      for (Path p : st.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith("strata-layer-") || n.startsWith("strata-pkg-")) {
          AtomicFiles.deleteTree(p);
        }
      }
    }
  }
}
