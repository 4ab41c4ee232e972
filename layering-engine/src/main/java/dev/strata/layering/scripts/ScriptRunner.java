package dev.strata.layering.scripts;

import dev.strata.pkg.PackageHeader;
import dev.strata.pkg.Script;
import dev.strata.pkg.ScriptKind;
import dev.strata.pkgdb.dpkg.DpkgAdmin;
import dev.strata.pkgdb.dpkg.DpkgPackage;
import dev.strata.pkgdb.dpkg.DpkgState;
import dev.strata.sandbox.CopyUpLayer;
import dev.strata.sandbox.ProcessResult;
import dev.strata.sandbox.Sandbox;
import dev.strata.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the maintainer scripts of the packages layered onto a staging tree, each in its own
 * sandbox, all over ONE kernel copy-up layer: the staging tree's files (hardlinks into the
 * repository) are never written. Only when every script of the transaction succeeded are the
 * changes moved into the staging tree (by rename); on any failure the staging tree is left
 * exactly as it was and a {@link ScriptException} names the script, its exit status and the last
 * lines of its output.
 *
 * <p>RPM, as rpm-ostree: every %pre, then %post per package, then every %posttrans, each with
 * argument 1, after all files are in place. Lua scripts are refused unless empty; RPM triggers
 * are not run.
 *
 * <p>Debian, as dpkg: preinst {@code install} (after unpacking, as rpm-ostree does for %pre),
 * postinst {@code configure ""} per package in the given order, then the triggers the new
 * packages activate (explicit {@code activate*} directives, file triggers on their paths, and
 * {@code dpkg-trigger} calls from scripts), each interested package's postinst run once with
 * {@code triggered "<names>"}. dpkg's database is kept right: while scripts run the new packages
 * are {@code unpacked} in a lower layer; afterwards they are written {@code installed} to the tree.
 *
 * <p>Not thread-safe; one runner per transaction.
 */
public final class ScriptRunner {
  private final Sandbox sandbox;
  private final Path scratchParent;
  private Duration timeout = Duration.ofMinutes(15);
  private Consumer<String> progress = s -> { };

  /**
   * @param sandbox the sandbox to run scripts in
   * @param scratchParent a directory on the staging tree's file system for the copy-up layer
   */
  public ScriptRunner(Sandbox sandbox, Path scratchParent) {
    this.sandbox = sandbox;
    this.scratchParent = scratchParent;
  }

  /** @param t how long one script may run (default 15 minutes) */
  public ScriptRunner timeout(Duration t) {
    this.timeout = t;
    return this;
  }

  /** @param p receives one line per script started */
  public ScriptRunner progress(Consumer<String> p) {
    this.progress = p;
    return this;
  }

  /**
   * Runs the RPM scripts of the packages (already unpacked into the tree).
   *
   * @param root the staging tree
   * @param packages the packages in install order
   * @return what ran and what changed
   * @throws ScriptException when a script fails or cannot run (tree unchanged)
   * @throws IOException when the sandbox cannot be set up or the changes cannot be applied
   */
  public ScriptReport runRpm(Path root, List<PackageHeader> packages) throws IOException {
    long start = System.nanoTime();
    List<String> ran = new ArrayList<>();
    try (CopyUpLayer layer = CopyUpLayer.create(root, scratch())) {
      Path state = Files.createDirectory(layer.skeleton().resolveSibling("rpm-state"));
      Path scripts = Files.createDirectory(layer.skeleton().resolveSibling("scripts"));
      List<Object[]> rw = List.<Object[]>of(new Object[] {"var/lib/rpm-state", state});
      SandboxSpec base = TreeSandbox.spec(root, layer, rw).timeout(timeout)
          .argv("/bin/true").build(); // argv replaced per script
      for (ScriptKind kind : List.of(ScriptKind.PRE_INSTALL, ScriptKind.POST_INSTALL,
          ScriptKind.POSTTRANS)) {
        for (PackageHeader h : packages) {
          for (Script s : h.scripts()) {
            if (s.kind() == kind) {
              runRpmScript(base, scripts, h, s, ran);
            }
          }
        }
      }
      checkTreeStillRuns(base);
      List<String> changed = layer.applyTo(root);
      return new ScriptReport(ran, changed, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private void runRpmScript(SandboxSpec base, Path scripts, PackageHeader h, Script s,
      List<String> ran) throws IOException {
    String name = rpmName(s.kind());
    List<String> interp = s.interpreter().isEmpty() ? List.of("/bin/sh") : s.interpreter();
    if (interp.get(0).equals("<lua>")) {
      if (s.body().lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
        return;
      }
      throw new ScriptException(name + " of " + h.nevra() + " is a lua scriptlet, which Strata "
          + "cannot run; ask the packager for a shell scriptlet or layer another package",
          h.name(), name, "");
    }
    Path file = scripts.resolve(h.name() + "." + name.substring(1));
    Files.writeString(file, s.body(), StandardCharsets.UTF_8);
    String inSandbox = "/run/strata-scripts/" + file.getFileName();
    List<String> argv = new ArrayList<>(interp);
    argv.add(inSandbox);
    argv.add("1");
    progress.accept("Running " + name + " of " + h.nevra());
    ProcessResult r = sandbox.run(base.toBuilder().roBind(file, inSandbox).argv(argv).build());
    check(r, name, h.name(), h.nevra());
    ran.add(h.name() + " " + name);
  }

  static String rpmName(ScriptKind k) {
    return switch (k) {
      case PRE_INSTALL -> "%pre";
      case POST_INSTALL -> "%post";
      case POSTTRANS -> "%posttrans";
      default -> "%" + k.name().toLowerCase();
    };
  }

  /**
   * Runs the Debian maintainer scripts and triggers of the packages (already unpacked into the
   * tree) and records them in the tree's dpkg database.
   *
   * @param root the staging tree
   * @param packages the packages in install order (dependencies first)
   * @return what ran and what changed (dpkg database files not included)
   * @throws ScriptException when a script fails (tree and database unchanged)
   * @throws IOException when the sandbox cannot be set up or the changes cannot be applied
   */
  public ScriptReport runDeb(Path root, List<DpkgPackage> packages) throws IOException {
    long start = System.nanoTime();
    String adminRel = DebianPackages.adminDir(root);
    List<String> ran = new ArrayList<>();
    List<String> changed;
    try (CopyUpLayer layer = CopyUpLayer.create(root, scratch())) {
      // staging tree and scratch layer: the commit syncs what it keeps
      DpkgAdmin unpacked = DpkgAdmin.open(root.resolve(adminRel)).unsynced();
      for (DpkgPackage p : packages) {
        unpacked.install(p, DpkgState.UNPACKED);
      }
      layer.skeletonDir(adminRel + "/info");
      layer.skeletonDir(adminRel + "/triggers");
      unpacked.write(layer.skeletonDir(adminRel));
      Path policy = layer.skeletonDir("usr/sbin").resolve("policy-rc.d");
      Files.writeString(policy, "#!/bin/sh\n# no services start while packages are layered\n"
          + "exit 101\n");
      Files.setPosixFilePermissions(policy, java.nio.file.attribute.PosixFilePermissions
          .fromString("rwxr-xr-x"));
      List<Object[]> rw = new ArrayList<>();
      rw.add(new Object[] {"var/lib/dpkg", adminRel.equals("var/lib/dpkg") ? null : adminRel});
      rw.add(new Object[] {"var/cache/debconf", null});
      rw.add(new Object[] {"var/lib/ucf", null});
      SandboxSpec base = TreeSandbox.spec(root, layer, rw).timeout(timeout)
          .env("DPKG_ADMINDIR", "/var/lib/dpkg").env("DPKG_ROOT", "")
          .env("DPKG_MAINTSCRIPT_PACKAGE_REFCOUNT", "1")
          .argv("/bin/true").build(); // argv replaced per script
      for (DpkgPackage p : packages) {
        if (p.members().containsKey("preinst")) {
          runDebScript(base, p.infoName(), p.arch(), p.version(), "preinst", ran, "install");
        }
      }
      for (DpkgPackage p : packages) {
        if (p.members().containsKey("postinst")) {
          runDebScript(base, p.infoName(), p.arch(), p.version(), "postinst", ran, "configure",
              "");
        }
      }
      runTriggers(base, layer, adminRel, unpacked, packages, ran);
      checkTreeStillRuns(base);
      changed = layer.applyTo(root);
    }
    DpkgAdmin installed = DpkgAdmin.open(root.resolve(adminRel)).unsynced();
    for (DpkgPackage p : packages) {
      installed.install(p, DpkgState.INSTALLED);
    }
    installed.write(root.resolve(adminRel));
    return new ScriptReport(ran, changed, Duration.ofNanos(System.nanoTime() - start));
  }

  private void runTriggers(SandboxSpec base, CopyUpLayer layer, String adminRel, DpkgAdmin db,
      List<DpkgPackage> packages, List<String> ran) throws IOException {
    Set<String> newNames = new LinkedHashSet<>();
    packages.forEach(p -> newNames.add(p.infoName()));
    // trigger name -> activating packages
    Map<String, Set<String>> active = new LinkedHashMap<>();
    for (DpkgPackage p : packages) {
      for (String[] d : DpkgAdmin.directives(p.members().get("triggers"))) {
        if (d[0].startsWith("activate")) {
          active.computeIfAbsent(d[1], k -> new LinkedHashSet<>()).add(p.infoName());
        }
      }
      for (String t : db.fileTriggerPaths()) {
        for (String path : p.paths()) {
          if (path.equals(t) || path.startsWith(t.endsWith("/") ? t : t + "/")) {
            active.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(p.infoName());
            break;
          }
        }
      }
    }
    Path unincorp = layer.upperDir().resolve(adminRel).resolve("triggers/Unincorp");
    for (int round = 0; round < 10; round++) {
      for (String line : Files.exists(unincorp) ? Files.readAllLines(unincorp) : List.<String>of()) {
        String[] f = line.strip().split("\\s+");
        if (f.length >= 1 && !f[0].isEmpty()) {
          active.computeIfAbsent(f[0], k -> new LinkedHashSet<>()).add("-");
        }
      }
      if (Files.exists(unincorp)) {
        Files.write(unincorp, new byte[0]);
      }
      if (active.isEmpty()) {
        return;
      }
      // interested package -> trigger names, in dpkg's order of first activation
      Map<String, List<String>> pending = new LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> a : active.entrySet()) {
        for (String pkg : db.interested(a.getKey())) {
          if (a.getValue().size() == 1 && a.getValue().contains(pkg)) {
            continue;
          }
          pending.computeIfAbsent(pkg, k -> new ArrayList<>()).add(a.getKey());
        }
      }
      active.clear();
      for (Map.Entry<String, List<String>> e : pending.entrySet()) {
        String pkg = e.getKey();
        Path postinst = layer.tree().resolve(adminRel).resolve("info/" + pkg + ".postinst");
        Path fromLayer = layer.skeleton().resolve(adminRel).resolve("info/" + pkg + ".postinst");
        if (Files.exists(postinst) || Files.exists(fromLayer)) {
          String arch = pkg.contains(":") ? pkg.substring(pkg.indexOf(':') + 1)
              : String.valueOf(db.statusField(pkg, "Architecture"));
          String version = db.statusField(pkg, "Version");
          runDebScript(base, pkg, arch.equals("null") ? "" : arch,
              version == null ? "" : version, "postinst", ran, "triggered",
              String.join(" ", e.getValue()));
        }
      }
    }
    throw new ScriptException("dpkg triggers keep activating each other after 10 rounds; fix "
        + "the packages' triggers", "", "triggers", "");
  }

  private void runDebScript(SandboxSpec base, String infoName, String arch, String version,
      String script, List<String> ran, String... args) throws IOException {
    String name = infoName.contains(":") ? infoName.substring(0, infoName.indexOf(':')) : infoName;
    List<String> argv = new ArrayList<>();
    argv.add("/var/lib/dpkg/info/" + infoName + "." + script);
    argv.addAll(List.of(args));
    progress.accept("Running " + script + " " + String.join(" ", args).strip() + " of " + name);
    SandboxSpec.Builder b = base.toBuilder().argv(argv)
        .env("DPKG_MAINTSCRIPT_PACKAGE", name)
        .env("DPKG_MAINTSCRIPT_NAME", script);
    if (!arch.isEmpty()) {
      b.env("DPKG_MAINTSCRIPT_ARCH", arch);
    }
    ProcessResult r = sandbox.run(b.build());
    check(r, script, name, version.isEmpty() ? name : name + " " + version);
    ran.add((name + " " + script + " " + String.join(" ", args)).strip());
  }

  /** As rpm-ostree: a last {@code true} in the sandbox catches scripts that wrecked the tree. */
  private void checkTreeStillRuns(SandboxSpec base) throws IOException {
    ProcessResult r;
    try {
      r = sandbox.run(base.toBuilder().argv("/bin/true").build());
    } catch (dev.strata.sandbox.SandboxException e) {
      throw new ScriptException("the scripts left a tree in which /bin/true cannot run ("
          + e.getMessage() + "); fix or remove the package whose script broke it, then retry",
          "", "", "");
    }
    if (!r.ok()) {
      throw new ScriptException("the scripts left a tree in which /bin/true fails (exit status "
          + r.exitCode() + "); fix or remove the package whose script broke it, then retry", "",
          "", r.outputText());
    }
  }

  private static void check(ProcessResult r, String script, String pkg, String what)
      throws ScriptException {
    if (r.ok()) {
      return;
    }
    List<String> last = r.lastLines(5);
    String output = last.isEmpty() ? "no output" : "output: " + String.join(" | ", last);
    String how = r.timedOut() ? "timed out" : "failed with exit status " + r.exitCode();
    throw new ScriptException(script + " of " + what + " " + how + " (" + output + "); fix or "
        + "remove the package, then retry (the tree was left unchanged)", pkg, script,
        r.outputText());
  }

  private Path scratch() throws IOException {
    Files.createDirectories(scratchParent);
    return scratchParent.resolve("scripts-" + Long.toHexString(System.nanoTime()));
  }
}
