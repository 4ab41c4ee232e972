package dev.strata.cli.commands;

import dev.strata.cli.Main;
import dev.strata.fixtures.HostTools;
import dev.strata.store.Repo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Test kit for the sysroot verbs: a sysroot made by the CLI, commits of tiny bootable trees. */
final class SysrootFixture {
  final Path root;
  final Path scratch;

  SysrootFixture(Path dir) throws IOException {
    this.root = dir.resolve("sys");
    this.scratch = Files.createDirectories(dir.resolve("scratch"));
    inProcess("admin", "init-fs", root.toString()).ok();
    inProcess("--sysroot=" + root, "admin", "os-init", "testos").ok();
  }

  /** Commits a tiny bootable tree (stand-in kernel) at version {@code v} to testos/stable. */
  String commit(String v) throws IOException {
    Path t = scratch.resolve("tree-" + v + "-" + System.nanoTime());
    Path k = Files.createDirectories(t.resolve("usr/lib/modules/6.1.0-test"));
    Files.writeString(k.resolve("vmlinuz"), "FAKE KERNEL\n");
    Files.writeString(k.resolve("initramfs.img"), "FAKE INITRD\n");
    Files.writeString(t.resolve("usr/lib/os-release"), "PRETTY_NAME=\"Test OS\"\n");
    Files.createDirectories(t.resolve("usr/etc"));
    Files.writeString(t.resolve("usr/etc/a.conf"), "a=" + v + "\n");
    Files.createDirectories(t.resolve("usr/bin"));
    Files.writeString(t.resolve("usr/bin/tool"), v + "\n");
    Repo repo = Repo.open(root.resolve("ostree/repo"));
    return repo.newCommit().tree(t).branch("testos/stable").metadataString("version", v).call().checksum().hex();
  }

  /** Output of a CLI run. */
  record Run(int status, String out, String err) {
    Run ok() {
      if (status != 0) {
        throw new AssertionError("strata failed (" + status + "): " + err + out);
      }
      return this;
    }
  }

  /** Runs the CLI in this JVM. */
  Run inProcess(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Main.run(args, new PrintWriter(o), new PrintWriter(e));
    return new Run(rc, o.toString(), e.toString());
  }

  /** Runs {@code strata --sysroot=ROOT ARGS} in this JVM. */
  Run strata(String... args) {
    String[] a = new String[args.length + 1];
    a[0] = "--sysroot=" + root;
    System.arraycopy(args, 0, a, 1, args.length);
    return inProcess(a);
  }

  /** Runs {@code strata --sysroot=ROOT ARGS} as a child JVM with extra environment. */
  Run child(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Main", "--sysroot=" + root));
    cmd.addAll(List.of(args));
    HostTools.Result r = HostTools.run(cmd, null, env, Duration.ofMinutes(3));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  private static final Pattern LINE = Pattern.compile("^[* ] (\\S+) ([0-9a-f]{64}\\.[0-9]+)(.*)$");

  /** CSUM.SERIAL of each deployment as the real {@code ostree admin status} lists them. */
  List<String> ostreeStatus() {
    String out = HostTools.run("ostree", "admin", "status", "--sysroot=" + root).ok().stdout();
    List<String> l = new ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        l.add(m.group(2));
      }
    }
    return l;
  }

  /** Deployment directories present on disk (any state). */
  List<String> deployDirs() throws IOException {
    if (!Files.isDirectory(root.resolve("ostree/deploy/testos/deploy"))) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root.resolve("ostree/deploy/testos/deploy"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".origin")).sorted().toList();
    }
  }

  /** Number of boot entries under boot/loader/entries. */
  long entryCount() throws IOException {
    Path e = root.resolve("boot/loader/entries");
    if (!Files.isDirectory(e)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(e)) {
      return s.count();
    }
  }

  /** Clears the immutable flag of deployment directories so the temporary directory can go. */
  static void unlock(Path dir) throws IOException {
    try (Stream<Path> st = Files.find(dir, 8,
        (p, a) -> a.isDirectory() && p.getFileName().toString().matches("\\.?[0-9a-f]{64}\\.[0-9]+.*"))) {
      for (Path p : st.toList()) {
        HostTools.run("chattr", "-i", p.toString());
      }
    }
  }
}
