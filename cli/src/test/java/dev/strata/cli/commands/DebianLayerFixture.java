package dev.strata.cli.commands;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test kit for layering on real Debian: a sysroot holding the debootstrap bookworm minbase
 * (imported with {@code strata compose import}, deployed) whose apt source is a signed {@code
 * file:} mirror made of apt's own InRelease and Packages plus the real strace and libunwind8
 * .debs at their pool paths.
 */
final class DebianLayerFixture {
  static final String OS = "testos";
  static final String REF = "debian/bookworm";
  final SysrootFixture sys;
  final Path mirror;
  final String baseCommit;

  DebianLayerFixture(Path dir) throws IOException {
    sys = new SysrootFixture(dir);
    mirror = buildMirror(dir.resolve("mirror"), "strace", "libunwind8", "kmod", "libkmod2", "libssl3");
    Path tree = dir.resolve("tree");
    HostTools.run("cp", "-a", DebianArchive.minbase().toString(), tree.toString()).ok();
    Path kernel = Files.createDirectories(tree.resolve("usr/lib/modules/6.1.0-test"));
    Files.writeString(kernel.resolve("vmlinuz"), "STAND-IN KERNEL\n");
    Files.writeString(kernel.resolve("initramfs.img"), "STAND-IN INITRAMFS\n");
    Files.deleteIfExists(tree.resolve("etc/apt/sources.list"));
    Files.createDirectories(tree.resolve("etc/apt/sources.list.d"));
    Files.writeString(tree.resolve("etc/apt/sources.list.d/local.list"),
        "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] " + mirror.toUri() + " bookworm main\n");
    sys.inProcess("compose", "import", "--repo=" + sys.root.resolve("ostree/repo"), "-b", REF,
        "--version=12-test", tree.toString()).ok();
    DebianArchive.deleteTree(tree);
    sys.strata("admin", "deploy", "--os=" + OS, REF).ok();
    baseCommit = dev.strata.store.Repo.open(sys.root.resolve("ostree/repo")).resolve(REF).hex();
  }

  /** A mirror: apt's signed index and the named packages' .debs at their Filename paths. */
  static Path buildMirror(Path dir, String... names) throws IOException {
    Path index = DebianArchive.bookwormIndex();
    Path dists = Files.createDirectories(dir.resolve("dists/bookworm/main/binary-amd64"));
    Files.createLink(dists.resolve("Packages"), index.resolve("dists/bookworm/main/binary-amd64/Packages"));
    Files.copy(index.resolve("dists/bookworm/InRelease"), dir.resolve("dists/bookworm/InRelease"));
    Map<String, String> filenames = filenames(dists.resolve("Packages"), List.of(names));
    List<Path> debs = DebianArchive.download(names);
    for (int i = 0; i < names.length; i++) {
      String fn = filenames.get(names[i]);
      if (fn == null) {
        throw new AssertionError(names[i] + " is not in the bookworm index");
      }
      Path target = dir.resolve(fn);
      Files.createDirectories(target.getParent());
      Files.copy(debs.get(i), target);
    }
    return dir;
  }

  private static Map<String, String> filenames(Path packages, List<String> names) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(packages, StandardCharsets.UTF_8)) {
      String pkg = null;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("Package: ")) {
          pkg = line.substring(9).strip();
        } else if (line.startsWith("Filename: ") && names.contains(pkg)) {
          out.put(pkg, line.substring(10).strip());
        }
      }
    }
    return out;
  }

  static void deleteTree(Path p) throws IOException {
    DebianArchive.deleteTree(p);
  }

  Path deployDir(String name) {
    return sys.root.resolve("ostree/deploy/" + OS + "/deploy/" + name);
  }

  Path stateVar() {
    return sys.root.resolve("ostree/deploy/" + OS + "/var");
  }

  /**
   * Runs a command in the deployment as it will boot: the stateroot's var bound at /var, after
   * {@code systemd-tmpfiles --create --prefix=/var}, then chrooted.
   */
  HostTools.Result inBootedView(String deployment, String command) {
    Path d = deployDir(deployment);
    String script = "set -e; mount --bind '" + stateVar() + "' '" + d + "/var'; "
        + "systemd-tmpfiles --root='" + d + "' --create --prefix=/var >/dev/null 2>&1 || true; "
        + "mount -t proc proc '" + d + "/proc'; "
        + "chroot '" + d + "' /bin/sh -c '" + command + "'";
    return HostTools.run("unshare", "-m", "--propagation", "private", "sh", "-c", script);
  }

  /** Every entry of a tree: path to type, mode, owner, size and content digest (or link target). */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = root.relativize(p).toString();
        int mode = (int) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int uid = (int) Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int gid = (int) Files.getAttribute(p, "unix:gid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        String what;
        if (Files.isSymbolicLink(p)) {
          what = "-> " + Files.readSymbolicLink(p);
        } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          what = dev.strata.layering.importer.PackageImporter.sha256(p);
        } else {
          what = "dir";
        }
        m.put(rel, Integer.toOctalString(mode) + " " + uid + ":" + gid + " " + what);
      }
    }
    return m;
  }
}
