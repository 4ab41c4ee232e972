package dev.strata.sysroot;

import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test kit: a sysroot in a temporary directory, commits of small bootable trees, ostree's view. */
final class TestSysroot {
  static final String OS = "testos";
  final Path root;
  final OstreeCliRepository repo;
  final List<String> log = new ArrayList<>();

  private TestSysroot(Path root) {
    this.root = root;
    this.repo = new OstreeCliRepository(root.resolve("ostree/repo"));
  }

  /** A sysroot initialised by Strata with stateroot testos. */
  static TestSysroot create(Path dir) throws IOException {
    Sysroot.initFs(dir);
    dev.strata.store.Repo.init(dir.resolve("ostree/repo"), dev.strata.store.RepoMode.BARE);
    TestSysroot t = new TestSysroot(dir);
    t.open().osInit(OS);
    return t;
  }

  /** A sysroot made entirely by the real ostree admin init-fs and os-init. */
  static TestSysroot createWithOstree(Path dir) throws IOException {
    Files.createDirectories(dir);
    HostTools.run("ostree", "admin", "init-fs", dir.toString()).ok();
    HostTools.run("ostree", "admin", "os-init", "--sysroot=" + dir, OS).ok();
    return new TestSysroot(dir);
  }

  Sysroot open() throws IOException {
    return Sysroot.open(root, StoreRepository.ofSysroot(root), log::add);
  }

  /** A minimal bootable tree: stand-in kernel and initramfs, os-release, usr/etc. */
  static Path tree(Path dir, String version) throws IOException {
    Path k = Files.createDirectories(dir.resolve("usr/lib/modules/6.1.0-test"));
    Files.writeString(k.resolve("vmlinuz"), "FAKE KERNEL\n");
    Files.writeString(k.resolve("initramfs.img"), "FAKE INITRD\n");
    Files.writeString(dir.resolve("usr/lib/os-release"), "PRETTY_NAME=\"Test OS 1\"\nID=testos\n");
    Path etc = Files.createDirectories(dir.resolve("usr/etc"));
    Files.writeString(etc.resolve("hostname"), "host\n");
    Files.writeString(etc.resolve("a.conf"), "a=" + version + "\n");
    Files.writeString(etc.resolve("b.conf"), "b=1\n");
    Files.createDirectories(dir.resolve("usr/bin"));
    Files.writeString(dir.resolve("usr/bin/tool"), "v" + version + "\n");
    Files.createSymbolicLink(dir.resolve("bin"), Path.of("usr/bin"));
    Files.createSymbolicLink(dir.resolve("ostree"), Path.of("sysroot/ostree"));
    return dir;
  }

  /** Commits {@link #tree} for {@code version} on branch testos/stable. */
  String commit(Path scratch, String version) throws IOException {
    Path t = tree(scratch.resolve("tree-" + version + "-" + System.nanoTime()), version);
    return repo.commit("testos/stable", t, version);
  }

  /** One line of {@code ostree admin status}: osname, checksum, serial. */
  record Listed(String osname, String checksum, int serial, boolean pending, boolean rollback) {
    String name() {
      return checksum + "." + serial;
    }
  }

  private static final Pattern LINE =
      Pattern.compile("^[* ] (\\S+) ([0-9a-f]{64})\\.([0-9]+)(.*)$");

  /** What the real {@code ostree admin status} lists, in order. */
  List<Listed> ostreeStatus() {
    String out = HostTools.run("ostree", "admin", "status", "--sysroot=" + root).ok().stdout();
    List<Listed> l = new ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        l.add(new Listed(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
            m.group(4).contains("pending"), m.group(4).contains("rollback")));
      }
    }
    return l;
  }

  /** The deployment names (CSUM.SERIAL) Strata reads, in order. */
  List<String> strataNames() throws IOException {
    return open().deployments().stream().map(Deployment::name).toList();
  }

  /** Clears the immutable flag of every deployment directory below {@code dir}, so it can be deleted. */
  static void unlockDeployments(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> st = Files.find(dir, 8,
        (p, a) -> a.isDirectory() && p.getFileName().toString().matches("[0-9a-f]{64}\\.[0-9]+"))) {
      st.forEach(p -> dev.strata.store.util.LinuxFs.setImmutable(p, false));
    }
  }

  Path entries() throws IOException {
    return root.resolve("boot/loader/entries");
  }
}
