package dev.strata.sysroot;

import dev.strata.store.util.Failpoints;
import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes a new deployment list as {@code ostree_sysroot_write_deployments} does: a subbootversion
 * swap when only the order of identical boot configurations changed, otherwise a full bootversion
 * swap (new {@code boot/loader.B'} entries, kernels, {@code ostree/boot.B'.S'} links, then the {@code
 * boot/loader} symlink renamed into place), then the {@code ostree/B/S/I} refs and clean-up.
 */
final class BootWriter {
  private final Path root;
  private final SysrootRepository repo;
  private final Consumer<String> log;

  BootWriter(Path root, SysrootRepository repo, Consumer<String> log) {
    this.root = root;
    this.repo = repo;
    this.log = log;
  }

  /** Assigns index and bootserial (a counter per bootcsum, in list order). */
  static List<Deployment> normalize(List<Deployment> list) {
    Map<String, Integer> serials = new HashMap<>();
    List<Deployment> out = new ArrayList<>();
    for (Deployment d : list) {
      int s = serials.merge(d.bootcsum(), 1, Integer::sum) - 1;
      out.add(d.withIndex(out.size()).withBootserial(s));
    }
    return out;
  }

  SysrootState write(SysrootState old, List<Deployment> requested) throws IOException {
    List<Deployment> list = normalize(requested);
    Map<String, String> versions = new HashMap<>();
    for (Deployment d : list) {
      versions.put(d.checksum(), repo.commitInfo(d.checksum()).version());
    }
    for (Deployment d : old.deployments()) {
      versions.computeIfAbsent(d.checksum(), c -> versionOrNull(c));
    }
    boolean full = requiresNewBootversion(old.deployments(), list, versions);
    int bv;
    int sbv;
    if (!full) {
      bv = old.bootversion();
      sbv = 1 - old.subbootversion();
      writeBootLinks(bv, sbv, list);
      Failpoints.hit("sysroot::before-bootlink-swap");
      LinuxFs.syncfs(root);
      Fs.replaceSymlink(root.resolve("ostree/boot." + bv), "boot." + bv + "." + sbv);
      Fs.fsync(root.resolve("ostree"));
      Failpoints.hit("sysroot::after-bootlink-swap");
    } else {
      bv = 1 - old.bootversion();
      int cur = StateReader.subbootversion(root, bv);
      sbv = 1 - cur;
      Path loader = root.resolve("boot/loader." + bv);
      Fs.deleteTree(loader);
      Path entries = Fs.mkdirs(loader.resolve("entries"));
      boolean multiOs = list.stream().map(Deployment::osname).distinct().count() > 1;
      for (Deployment d : list) {
        BootImages images = installKernel(d);
        BootEntry e = entryFor(d, images, list.size(), bv, versions.get(d.checksum()), multiOs);
        Path f = entries.resolve("ostree-" + (list.size() - d.index()) + "-" + d.osname() + ".conf");
        Files.writeString(f, e.format(), StandardCharsets.UTF_8);
        Failpoints.hit("sysroot::write-entry");
      }
      writeBootLinks(bv, sbv, list);
      Fs.replaceSymlink(root.resolve("ostree/boot." + bv), "boot." + bv + "." + sbv);
      Failpoints.hit("sysroot::before-sync");
      long t0 = System.nanoTime();
      LinuxFs.syncfs(root.resolve("boot"));
      LinuxFs.syncfs(root);
      if (System.getenv("STRATA_TIMING") != null) {
        log.accept(String.format("timing: syncfs %.3fs", (System.nanoTime() - t0) / 1e9));
      }
      Failpoints.hit("sysroot::before-loader-swap");
      Fs.replaceSymlink(root.resolve("boot/loader"), "loader." + bv);
      Fs.fsync(root.resolve("boot"));
      Failpoints.hit("sysroot::after-loader-swap");
    }
    log.accept(
        "Bootloader updated; bootconfig swap: "
            + (full ? "yes" : "no")
            + "; bootversion: boot."
            + bv
            + "."
            + sbv
            + ", deployment count change: "
            + (list.size() - old.deployments().size()));
    SysrootState now = new SysrootState(bv, sbv, list, rebooted(old.booted(), list));
    updateRefs(now);
    Failpoints.hit("sysroot::before-cleanup");
    long t0 = System.nanoTime();
    cleanup(now);
    if (System.getenv("STRATA_TIMING") != null) {
      log.accept(String.format("timing: cleanup %.3fs", (System.nanoTime() - t0) / 1e9));
    }
    return now;
  }

  private String versionOrNull(String checksum) {
    try {
      return repo.commitInfo(checksum).version();
    } catch (IOException e) {
      return null;
    }
  }

  private static Deployment rebooted(Deployment booted, List<Deployment> list) {
    if (booted == null) {
      return null;
    }
    return list.stream().filter(booted::sameAs).findFirst().orElse(booted);
  }

  private static boolean requiresNewBootversion(
      List<Deployment> old, List<Deployment> now, Map<String, String> versions) {
    if (old.size() != now.size()) {
      return true;
    }
    for (int i = 0; i < old.size(); i++) {
      Deployment a = old.get(i);
      Deployment b = now.get(i);
      if (!a.osname().equals(b.osname())
          || !a.bootcsum().equals(b.bootcsum())
          || !a.kargs().without("ostree").equals(b.kargs().without("ostree"))
          || !java.util.Objects.equals(versions.get(a.checksum()), versions.get(b.checksum()))) {
        return true;
      }
    }
    return false;
  }

  private void writeBootLinks(int bv, int sbv, List<Deployment> list) throws IOException {
    Path dir = root.resolve("ostree/boot." + bv + "." + sbv);
    Fs.deleteTree(dir);
    for (Deployment d : list) {
      Path parent = Fs.mkdirs(dir.resolve(d.osname()).resolve(d.bootcsum()));
      Files.createSymbolicLink(
          parent.resolve(Integer.toString(d.bootserial())),
          Path.of("../../../deploy/" + d.osname() + "/deploy/" + d.name()));
    }
    Fs.mkdirs(dir);
  }

  /** Copies (or hardlinks) kernel, initramfs and device tree to {@code boot/ostree/OS-BOOTCSUM/}. */
  private BootImages installKernel(Deployment d) throws IOException {
    Path tree = root.resolve(d.relativePath());
    Path dir = root.resolve("boot/ostree/" + d.osname() + "-" + d.bootcsum());
    BootImages images = BootImages.find(tree, false);
    boolean present = Files.isRegularFile(dir.resolve(images.kernelName()))
        && (images.initramfs() == null || Files.isRegularFile(dir.resolve(images.initramfsName())))
        && (images.devicetree() == null || Files.isRegularFile(dir.resolve(images.devicetreeName())));
    if (present) {
      return images;
    }
    images = BootImages.find(tree, true);
    if (!images.bootcsum().equals(d.bootcsum())) {
      throw new IOException(
          "kernel of deployment " + d.name() + " does not match its bootcsum " + d.bootcsum() + "; redeploy it");
    }
    Fs.mkdirs(dir);
    linkOrCopy(images.kernel(), dir.resolve(images.kernelName()));
    if (images.initramfs() != null) {
      linkOrCopy(images.initramfs(), dir.resolve(images.initramfsName()));
    }
    if (images.devicetree() != null) {
      linkOrCopy(images.devicetree(), dir.resolve(images.devicetreeName()));
    }
    return images;
  }

  private static void linkOrCopy(Path src, Path dst) throws IOException {
    if (Files.exists(dst)) {
      return;
    }
    try {
      Files.createLink(dst, src);
      return;
    } catch (FileAlreadyExistsException e) {
      return;
    } catch (IOException | UnsupportedOperationException e) {
      // other file system: copy
    }
    Path tmp = dst.resolveSibling("." + dst.getFileName() + ".tmp");
    Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    Fs.fsync(tmp);
    Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
  }

  private BootEntry entryFor(
      Deployment d, BootImages images, int n, int bv, String version, boolean multiOs)
      throws IOException {
    Path tree = root.resolve(d.relativePath());
    String title = OsRelease.title(tree);
    StringBuilder t = new StringBuilder(title);
    if (version != null && !version.isEmpty() && !title.contains(version)) {
      t.append(' ').append(version);
    }
    t.append(" (ostree");
    if (multiOs) {
      t.append(':').append(d.osname());
    }
    t.append(':').append(d.index()).append(')');
    String bootdir = "/ostree/" + d.osname() + "-" + d.bootcsum() + "/";
    String link = "/ostree/boot." + bv + "/" + d.osname() + "/" + d.bootcsum() + "/" + d.bootserial();
    Kargs k = d.kargs().replace("ostree=" + link);
    if (images.initramfs() == null) {
      k = k.replace("init=" + link + "/usr/lib/ostree/ostree-prepare-root");
    }
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    lines.add(Map.entry("title", t.toString()));
    lines.add(Map.entry("version", Integer.toString(n - d.index())));
    lines.add(Map.entry("options", k.toString()));
    lines.add(Map.entry("linux", bootdir + images.kernelName()));
    if (images.initramfs() != null) {
      lines.add(Map.entry("initrd", bootdir + images.initramfsName()));
    }
    if (images.devicetree() != null) {
      lines.add(Map.entry("devicetree", bootdir + images.devicetreeName()));
    }
    return new BootEntry(lines);
  }

  private void updateRefs(SysrootState s) throws IOException {
    Map<String, String> want = new HashMap<>();
    for (Deployment d : s.deployments()) {
      want.put("ostree/" + s.bootversion() + "/" + s.subbootversion() + "/" + d.index(), d.checksum());
    }
    Map<String, String> have = repo.refs("ostree/");
    for (Map.Entry<String, String> e : want.entrySet()) {
      if (!e.getValue().equals(have.get(e.getKey()))) {
        repo.setRef(e.getKey(), e.getValue());
      }
    }
    for (String r : have.keySet()) {
      if (!want.containsKey(r)) {
        repo.setRef(r, null);
      }
    }
  }

  /**
   * Removes what the current state no longer references: the other loader and boot-link
   * directories, deployment directories with their origins, and kernel directories.
   */
  void cleanup(SysrootState s) throws IOException {
    cleanupFiles(s);
  }

  /** {@link #cleanup} plus rewriting the {@code ostree/B/S/I} refs (for {@code admin cleanup}). */
  void cleanupWithRefs(SysrootState s) throws IOException {
    updateRefs(s);
    cleanupFiles(s);
  }

  private void cleanupFiles(SysrootState s) throws IOException {
    int bv = s.bootversion();
    int other = 1 - bv;
    Fs.deleteTree(root.resolve("boot/loader." + other));
    Files.deleteIfExists(root.resolve("ostree/boot." + other));
    Fs.deleteTree(root.resolve("ostree/boot." + other + ".0"));
    Fs.deleteTree(root.resolve("ostree/boot." + other + ".1"));
    Fs.deleteTree(root.resolve("ostree/boot." + bv + "." + (1 - s.subbootversion())));
    Set<String> live = new HashSet<>();
    Set<String> liveBoot = new HashSet<>();
    for (Deployment d : s.deployments()) {
      live.add(d.relativePath());
      liveBoot.add(d.osname() + "-" + d.bootcsum());
    }
    if (s.booted() != null) {
      live.add(s.booted().relativePath());
    }
    Path deployRoot = root.resolve("ostree/deploy");
    if (Files.isDirectory(deployRoot)) {
      for (Path os : list(deployRoot)) {
        Fs.deleteTree(os.resolve(Sysroot.STAGE_DIR));
        Path dd = os.resolve("deploy");
        if (!Files.isDirectory(dd)) {
          continue;
        }
        for (Path p : list(dd)) {
          String n = p.getFileName().toString();
          String base = n.endsWith(".origin") ? n.substring(0, n.length() - 7) : n;
          String rel = "ostree/deploy/" + os.getFileName() + "/deploy/" + base;
          if (!live.contains(rel)) {
            if (n.endsWith(".origin")) {
              Files.deleteIfExists(p);
            } else {
              Files.deleteIfExists(dd.resolve(n + ".origin"));
              Failpoints.hit("sysroot::cleanup-deployment");
              Fs.deleteTree(p);
            }
          }
        }
      }
    }
    Path bootOstree = root.resolve("boot/ostree");
    if (Files.isDirectory(bootOstree)) {
      for (Path p : list(bootOstree)) {
        if (!liveBoot.contains(p.getFileName().toString())) {
          Fs.deleteTree(p);
        }
      }
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
