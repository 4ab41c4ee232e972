package dev.strata.depsolve;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A copy of the debootstrap bookworm minbase whose apt sources point at a local {@code file:}
 * mirror built from apt's own signed InRelease and Packages, with Signed-By naming the Debian
 * archive keyring. The mirror sits at the same absolute path on the host and inside the tree, so
 * Strata (reading from the host) and apt (in a chroot of the tree) see the same repository.
 */
final class BookwormTree {
  static final String KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";
  final Path root;
  final Path mirror;

  private BookwormTree(Path root, Path mirror) {
    this.root = root;
    this.mirror = mirror;
  }

  /** Copies minbase into {@code dir}/tree and the index into {@code dir}/mirror (host and tree). */
  static BookwormTree create(Path dir) throws IOException {
    Path index = DebianArchive.bookwormIndex();
    Path root = dir.resolve("tree");
    HostTools.run("cp", "-a", DebianArchive.minbase().toString(), root.toString()).ok();
    Path mirror = dir.resolve("mirror").toAbsolutePath();
    HostTools.run("mkdir", "-p", mirror.toString()).ok();
    HostTools.run("cp", "-r", index.resolve("dists").toString(), mirror.toString()).ok();
    Path inTree = root.resolve(mirror.toString().substring(1));
    HostTools.run("mkdir", "-p", inTree.getParent().toString()).ok();
    HostTools.run("cp", "-r", mirror.toString(), inTree.toString()).ok();
    Files.delete(root.resolve("etc/apt/sources.list"));
    Files.writeString(root.resolve("etc/apt/sources.list.d/mirror.sources"),
        "Types: deb\nURIs: file:" + mirror + "\nSuites: bookworm\nComponents: main\n"
            + "Signed-By: " + KEYRING + "\n");
    return new BookwormTree(root, mirror);
  }

  /**
   * Gives apt in the tree the mirror's lists, as {@code apt-get update} would store them. (apt's
   * file: method insists on the Packages.xz that InRelease lists, and the mirror only has the
   * uncompressed Packages apt keeps; so the signed InRelease is checked with gpgv against the
   * same keyring, then both files are placed under apt's own list names.)
   */
  void aptUpdate() throws IOException {
    Path lists = root.resolve("var/lib/apt/lists");
    try (var s = Files.list(lists)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p) && p.getFileName().toString().contains("_dists_")) {
          Files.delete(p);
        }
      }
    }
    HostTools.run("chroot", root.toString(), "gpgv", "--keyring", KEYRING,
        mirror + "/dists/bookworm/InRelease").ok();
    String prefix = mirror.toString().replace('/', '_') + "_dists_bookworm_";
    Files.copy(mirror.resolve("dists/bookworm/InRelease"), lists.resolve(prefix + "InRelease"));
    Files.copy(mirror.resolve("dists/bookworm/main/binary-amd64/Packages"),
        lists.resolve(prefix + "main_binary-amd64_Packages"));
  }

  /**
   * {@code apt-get --simulate --no-install-recommends install}, in a chroot of the tree.
   *
   * @return the packages apt would install as {@code name=version}, or null when apt refuses
   */
  List<String> aptSimulate(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("chroot", root.toString(), "apt-get", "--simulate",
        "--no-install-recommends", "-q", "-o", "Debug::NoLocking=1", "install"));
    cmd.addAll(args);
    HostTools.Result r = HostTools.run(cmd, null, java.util.Map.of("DEBIAN_FRONTEND",
        "noninteractive", "LC_ALL", "C"), java.time.Duration.ofMinutes(5));
    if (r.exitCode() != 0) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("Inst ")) {
        String[] f = line.split(" ");
        String ver = f[2].startsWith("(") ? f[2].substring(1) : f[3].substring(1);
        out.add(f[1] + "=" + ver);
      }
    }
    return out;
  }

  /** {@link #aptSimulate}, cached in {@code cache} under a name derived from the request. */
  List<String> aptSimulateCached(List<String> args, Path cache, String label) throws IOException {
    Path f = cache.resolve(label + ".check-" + Integer.toHexString(String.join(" ", args).hashCode())
        + ".txt");
    if (Files.exists(f)) {
      String s = Files.readString(f);
      return s.equals("FAILED\n") ? null : s.lines().filter(l -> !l.isEmpty()).toList();
    }
    List<String> r = aptSimulate(args);
    Files.writeString(f, r == null ? "FAILED\n" : String.join("\n", r) + "\n");
    return r;
  }

  /** @return a short hash of the index and the base, to key cached apt results */
  static String stateKey() throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(Files.readAllBytes(DebianArchive.bookwormIndex().resolve("dists/bookworm/InRelease")));
      md.update(Files.readAllBytes(DebianArchive.minbase().resolve("var/lib/dpkg/status")));
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
