package dev.strata.sysroot;

import dev.strata.store.util.Failpoints;
import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A sysroot ({@code /} on a host, or any directory): deployments of OSTree commits, written as
 * {@code ostree admin} 2022.7 writes them. Mutating operations take the sysroot lock ({@code
 * ostree/lock}) themselves; a caller combining several steps holds {@link #lock()} around them
 * (the lock is re-entrant within one {@code Sysroot}). Not thread-safe.
 */
public final class Sysroot {
  /**
   * Where a new deployment is assembled (checkout, /etc) before it is renamed into {@code deploy/}:
   * {@code ostree/deploy/OSNAME/.strata-stage/}, a place ostree ignores, so a process killed
   * half-way never leaves a partial directory where {@code ostree admin} looks.
   */
  static final String STAGE_DIR = ".strata-stage";

  private static final Pattern OSNAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
  private final Path root;
  private final SysrootRepository repo;
  private final Consumer<String> log;
  private final String bootedEnv;
  private SysrootLock held;
  private int holds;

  private Sysroot(Path root, SysrootRepository repo, Consumer<String> log, String bootedEnv) {
    this.root = root;
    this.repo = repo;
    this.log = log;
    this.bootedEnv = bootedEnv;
  }

  /**
   * Opens an initialised sysroot.
   *
   * @param root the sysroot directory ({@code /} on a host)
   * @param repo the repository at {@code root/ostree/repo}
   * @param log where progress lines go (stderr in the CLI)
   * @throws IOException when {@code root} is not a sysroot
   */
  public static Sysroot open(Path root, SysrootRepository repo, Consumer<String> log) throws IOException {
    if (!Files.isDirectory(root.resolve("ostree/repo")) || !Files.isDirectory(root.resolve("ostree/deploy"))) {
      throw new IOException(
          "not an OSTree sysroot: " + root + " has no ostree/repo and ostree/deploy; run 'strata admin --sysroot=" + root + " init-fs' first");
    }
    return new Sysroot(root, repo, log, System.getenv(StateReader.BOOTED_ENV));
  }

  /**
   * Creates the top-level layout {@code ostree admin init-fs} makes (the repository itself is made
   * by the store).
   */
  public static void initFs(Path root) throws IOException {
    Fs.mkdirs(root);
    for (String d : List.of("boot", "dev", "home", "proc", "run", "sys", "ostree/deploy")) {
      Fs.mkdirs(root.resolve(d));
    }
    mkdir(root.resolve("root"), "rwx------");
    mkdir(root.resolve("tmp"), "rwxrwxrwt");
  }

  private static void mkdir(Path p, String mode) throws IOException {
    Fs.mkdirs(p);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode.replace('t', 'x')));
    if (mode.endsWith("t")) {
      Files.setAttribute(p, "unix:mode", 01777);
    }
  }

  /** The sysroot directory. */
  public Path root() {
    return root;
  }

  /** The repository deployments come from. */
  public SysrootRepository repository() {
    return repo;
  }

  /** A held sysroot lock; closing releases it. */
  public interface Held extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /** Reads the current state (deployments in boot order, booted one). */
  public SysrootState load() throws IOException {
    return StateReader.read(root, bootedEnv);
  }

  /** The deployments in boot order. */
  public List<Deployment> deployments() throws IOException {
    return load().deployments();
  }

  /** The directory of a deployment. */
  public Path deploymentDirectory(Deployment d) {
    return root.resolve(d.relativePath());
  }

  /**
   * Takes the sysroot lock (waiting up to {@code STRATA_LOCK_TIMEOUT} seconds, default 5, with a
   * message). Re-entrant within this object.
   */
  public Held lock() throws IOException {
    if (holds == 0) {
      String t = System.getenv("STRATA_LOCK_TIMEOUT");
      long ms = (long) (1000 * (t == null ? 5.0 : Double.parseDouble(t)));
      held = SysrootLock.acquire(root, ms, log);
    }
    holds++;
    return () -> {
      if (--holds == 0) {
        SysrootLock l = held;
        held = null;
        l.close();
      }
    };
  }

  /** Creates stateroot {@code osname} ({@code ostree admin os-init}). */
  public void osInit(String osname) throws IOException {
    checkOsname(osname);
    try (Held l = lock()) {
      Path var = root.resolve("ostree/deploy/" + osname + "/var");
      Fs.mkdirs(var.resolve("lib"));
      Fs.mkdirs(var.resolve("log"));
      mkdir(var.resolve("tmp"), "rwxrwxrwt");
      if (!Files.exists(var.resolve("lock"), Fs.NOFOLLOW)) {
        Files.createSymbolicLink(var.resolve("lock"), Path.of("../run/lock"));
      }
      if (!Files.exists(var.resolve("run"), Fs.NOFOLLOW)) {
        Files.createSymbolicLink(var.resolve("run"), Path.of("../run"));
      }
    }
  }

  private static void checkOsname(String osname) {
    if (!OSNAME.matcher(osname).matches()) {
      throw new IllegalArgumentException(
          "invalid stateroot name '" + osname + "'; use letters, digits, '_', '.', '+', '-'");
    }
  }

  /**
   * Checks out {@code revision} as a new deployment of {@code osname} with its /etc merged from
   * {@code merge}, its origin and kernel arguments set; it is not yet in the boot list (pass it to
   * {@link #simpleWriteDeployment} or {@link #writeDeployments}). The tree is assembled under
   * {@code ostree/deploy/OSNAME/.strata-stage/} and renamed into place once complete, its origin
   * file written first. Nothing stays behind on failure.
   *
   * @param osname the stateroot
   * @param revision a ref or commit checksum
   * @param origin the origin to write, or null for {@code refspec=revision}
   * @param kargs the kernel arguments (may contain an old {@code ostree=}, which is replaced)
   * @param merge the deployment whose /etc changes to carry over, or null
   * @return the new deployment (index -1)
   */
  public Deployment stageDeployment(
      String osname, String revision, Origin origin, Kargs kargs, Deployment merge) throws IOException {
    return stageDeployment(osname, revision, origin, kargs, merge, null);
  }

  private Deployment stageDeployment(String osname, String revision, Origin origin, Kargs kargs,
      Deployment merge, Path checkedOut) throws IOException {
    checkOsname(osname);
    Path osdir = root.resolve("ostree/deploy/" + osname);
    if (!Files.isDirectory(osdir.resolve("var"))) {
      throw new IOException(
          "stateroot '" + osname + "' does not exist in " + root + "; run 'strata admin os-init " + osname + "'");
    }
    String csum = repo.resolve(revision);
    LinuxFs.preload(); // the immutable flag and syncfs need JNA: load it while the tree is checked out
    try (Held l = lock()) {
      Path deployDir = Fs.mkdirs(osdir.resolve("deploy"));
      int serial = nextSerial(deployDir, csum);
      Path dir = deployDir.resolve(csum + "." + serial);
      Path staged = Fs.mkdirs(osdir.resolve(STAGE_DIR)).resolve(csum + "." + serial);
      Fs.deleteTree(staged);
      boolean ok = false;
      try {
        java.util.concurrent.CompletableFuture<EtcMerge.Changes> changes = diffAsync(merge);
        long t0 = System.nanoTime();
        if (checkedOut == null) {
          repo.checkout(csum, staged);
        } else {
          Files.move(checkedOut, staged, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        timing("checkout", t0);
        Failpoints.hit("deploy::after-checkout");
        t0 = System.nanoTime();
        BootImages images = BootImages.find(staged);
        timing("kernel", t0);
        t0 = System.nanoTime();
        prepareEtc(staged, merge, changes);
        timing("etc", t0);
        Failpoints.hit("deploy::after-etc-merge");
        Origin o = (origin == null ? Origin.forRefspec(revision) : origin).withPinned(false);
        Fs.atomicWrite(deployDir.resolve(csum + "." + serial + ".origin"), o.format());
        Failpoints.hit("deploy::after-origin");
        Files.move(staged, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LinuxFs.setImmutable(dir, true);
        Path stamp = osdir.resolve("var/.ostree-selabeled");
        if (!Files.exists(stamp)) {
          Files.createFile(stamp);
        }
        ok = true;
        return new Deployment(-1, osname, csum, serial, images.bootcsum(), 0, o, kargs);
      } finally {
        if (!ok) {
          Files.deleteIfExists(deployDir.resolve(csum + "." + serial + ".origin"));
          Fs.deleteTree(staged);
          Fs.deleteTree(dir);
        }
      }
    }
  }

  private static final boolean TIMING = System.getenv("STRATA_TIMING") != null;

  /** With {@code STRATA_TIMING} set, logs how long a step took (for bench/). */
  void timing(String step, long startNanos) {
    if (TIMING) {
      log.accept(String.format("timing: %s %.3fs", step, (System.nanoTime() - startNanos) / 1e9));
    }
  }

  private static int nextSerial(Path deployDir, String csum) throws IOException {
    Pattern p = Pattern.compile(Pattern.quote(csum) + "\\.([0-9]+)(\\.origin)?");
    int next = 0;
    try (Stream<Path> s = Files.list(deployDir)) {
      for (Path f : s.toList()) {
        Matcher m = p.matcher(f.getFileName().toString());
        if (m.matches()) {
          next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
        }
      }
    }
    return next;
  }

  /** Diffs the merge deployment's /etc in the background (it only reads the old deployment). */
  private java.util.concurrent.CompletableFuture<EtcMerge.Changes> diffAsync(Deployment merge) {
    if (merge == null) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    Path m = deploymentDirectory(merge);
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return EtcMerge.diff(m.resolve("usr/etc"), m.resolve("etc"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private void prepareEtc(Path dir, Deployment merge, java.util.concurrent.CompletableFuture<EtcMerge.Changes> diff)
      throws IOException {
    Path usrEtc = dir.resolve("usr/etc");
    Path etc = dir.resolve("etc");
    boolean hasUsrEtc = Files.isDirectory(usrEtc, Fs.NOFOLLOW);
    if (Files.exists(etc, Fs.NOFOLLOW)) {
      if (hasUsrEtc) {
        throw new IOException(
            "Tree contains both /etc and /usr/etc; commit the tree with its defaults in usr/etc only");
      }
      Files.move(etc, usrEtc);
      hasUsrEtc = true;
    }
    if (!hasUsrEtc) {
      return;
    }
    EtcMerge.copyTree(usrEtc, etc);
    if (merge != null) {
      Path m = deploymentDirectory(merge);
      EtcMerge.Changes c;
      try {
        c = diff.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof java.io.UncheckedIOException u) {
          throw u.getCause();
        }
        throw e;
      }
      EtcMerge.apply(c, m.resolve("etc"), etc);
      log.accept(c.summary());
    }
  }

  /**
   * Writes the boot configuration for exactly {@code list} (index 0 = default), removing what it no
   * longer references.
   */
  public SysrootState writeDeployments(List<Deployment> list) throws IOException {
    try (Held l = lock()) {
      SysrootState old = load();
      if (!Files.exists(root.resolve("boot/boot"), Fs.NOFOLLOW)) {
        Fs.mkdirs(root.resolve("boot"));
        Files.createSymbolicLink(root.resolve("boot/boot"), Path.of("."));
      }
      long t0 = System.nanoTime();
      SysrootState s = new BootWriter(root, repo, log).write(old, list);
      timing("write-deployments", t0);
      return s;
    }
  }

  /**
   * Puts {@code created} first and keeps, as ostree does without {@code --retain}: the booted and
   * {@code merge} deployments, pinned ones and those of other stateroots; drops the rest.
   */
  public SysrootState simpleWriteDeployment(Deployment created, Deployment merge) throws IOException {
    try (Held l = lock()) {
      SysrootState s = load();
      List<Deployment> list = new ArrayList<>();
      list.add(created);
      for (Deployment d : s.deployments()) {
        if (d.pinned()
            || !d.osname().equals(created.osname())
            || d.sameAs(s.booted())
            || d.sameAs(merge)) {
          list.add(d);
        }
      }
      return writeDeployments(list);
    }
  }

  /** Deploys {@code revision} as the new default ({@code ostree admin deploy}). */
  public Deployment deploy(String osname, String revision, Origin origin, Kargs kargs) throws IOException {
    return deploy(osname, revision, origin, kargs, null);
  }

  /**
   * Like {@link #deploy} (kernel arguments of the merge deployment), with the checkout already
   * made: {@code checkedOut} must be exactly what a hardlink checkout of {@code revision} writes
   * (e.g. a tree committed with {@code CommitBuilder.relinkTree}) on the sysroot's file system. It
   * is moved into the deployment instead of checking the commit out again, and deleted if the
   * deployment fails after that.
   */
  public Deployment deployCheckedOut(String osname, String revision, Origin origin, Path checkedOut)
      throws IOException {
    return deploy(osname, revision, origin, null, checkedOut);
  }

  private Deployment deploy(String osname, String revision, Origin origin, Kargs kargs, Path checkedOut)
      throws IOException {
    try (Held l = lock()) {
      SysrootState s = load();
      Deployment merge = s.mergeDeployment(osname);
      Kargs k = kargs != null ? kargs : merge != null ? merge.kargs() : Kargs.empty();
      Deployment d = stageDeployment(osname, revision, origin, k, merge, checkedOut);
      SysrootState after = simpleWriteDeployment(d, merge);
      return after.deployments().get(0);
    }
  }

  /**
   * Redeploys the merge deployment's commit with edited kernel arguments as the new default (what
   * {@code rpm-ostree kargs --append...} does).
   */
  public Deployment redeployWithKargs(Kargs kargs) throws IOException {
    try (Held l = lock()) {
      SysrootState s = load();
      Deployment cur = s.current();
      if (cur == null) {
        throw new IOException("no deployments in " + root + "; deploy a commit first");
      }
      Deployment merge = s.mergeDeployment(cur.osname());
      Deployment d = stageDeployment(merge.osname(), merge.checksum(), merge.origin(), kargs, merge);
      return simpleWriteDeployment(d, merge).deployments().get(0);
    }
  }

  /**
   * Makes the rollback deployment the default (or, when the booted one is not the default, the
   * booted one), as {@code rpm-ostree rollback}.
   */
  public SysrootState rollback() throws IOException {
    try (Held l = lock()) {
      SysrootState s = load();
      Deployment target =
          s.booted() != null && s.booted().index() != 0 ? s.booted() : s.rollback();
      if (target == null) {
        throw new IOException("no rollback deployment in " + root + "; deploy a second commit first");
      }
      List<Deployment> list = new ArrayList<>();
      list.add(target);
      s.deployments().stream().filter(d -> !d.sameAs(target)).forEach(list::add);
      return writeDeployments(list);
    }
  }

  /** Removes the deployment at {@code index} ({@code ostree admin undeploy}). */
  public SysrootState undeploy(int index) throws IOException {
    try (Held l = lock()) {
      SysrootState s = load();
      Deployment d = byIndex(s, index);
      if (d.sameAs(s.booted())) {
        throw new IOException("cannot undeploy the booted deployment " + index + "; boot another deployment first");
      }
      List<Deployment> list = new ArrayList<>(s.deployments());
      list.remove(index);
      return writeDeployments(list);
    }
  }

  /** Removes several deployments at once (for {@code cleanup -p/-r}); a no-op for an empty list. */
  public SysrootState removeDeployments(List<Deployment> remove) throws IOException {
    try (Held l = lock()) {
      SysrootState s = load();
      if (remove.isEmpty()) {
        return s;
      }
      List<Deployment> list = new ArrayList<>();
      for (Deployment d : s.deployments()) {
        if (remove.stream().noneMatch(d::sameAs)) {
          list.add(d);
        }
      }
      return writeDeployments(list);
    }
  }

  /** Pins or unpins the deployment at {@code index} ({@code ostree admin pin}). */
  public Deployment pin(int index, boolean pinned) throws IOException {
    try (Held l = lock()) {
      Deployment d = byIndex(load(), index);
      Origin o = d.origin().withPinned(pinned);
      Fs.atomicWrite(root.resolve(d.relativePath() + ".origin"), o.format());
      Fs.fsync(root.resolve(d.relativePath()).getParent());
      return d.withOrigin(o);
    }
  }

  /**
   * Removes what no deployment references: other loader and boot-link directories, deployment and
   * kernel directories, stale {@code ostree/B/S/I} refs, then prunes repository objects no ref
   * reaches ({@code ostree admin cleanup}).
   */
  public SysrootState cleanup() throws IOException {
    try (Held l = lock()) {
      SysrootState s = load();
      new BootWriter(root, repo, log).cleanupWithRefs(s);
      log.accept(repo.prune());
      return s;
    }
  }

  private Deployment byIndex(SysrootState s, int index) {
    if (index < 0 || index >= s.deployments().size()) {
      throw new IllegalArgumentException(
          "no deployment at index " + index + " (there are " + s.deployments().size() + "); see 'strata admin status'");
    }
    return s.deployments().get(index);
  }
}
