package dev.strata.cli.commands;

import dev.strata.compose.BasePackages;
import dev.strata.compose.TreeImport;
import dev.strata.layering.LayerTransaction;
import dev.strata.layering.importer.PackageImporter;
import dev.strata.store.CommitBuilder;
import dev.strata.store.Repo;
import dev.strata.store.RepoMode;
import dev.strata.store.util.AtomicFiles;
import dev.strata.sysroot.Kargs;
import dev.strata.sysroot.StoreRepository;
import dev.strata.sysroot.Sysroot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The layering demo: a sysroot under {@code ./demo/sysroot} with a small generated Debian-style
 * base, a local package repository under {@code ./demo/packages} holding fixture packages
 * ({@code strace} depending on {@code libunwind8}), then {@code install strace}. Offline.
 */
final class DemoSysroot {
  static final String OS = "demo";
  static final String REF = "demo/base";

  private DemoSysroot() {}

  /** Builds everything afresh under {@code demo} and installs strace; returns the sysroot. */
  static Path run(Path demo, PrintWriter out, PrintWriter err) throws IOException {
    Path sys = demo.resolve("sysroot");
    if (Files.exists(sys)) {
      unlock(sys);
      AtomicFiles.deleteTree(sys);
    }
    Path pkgs = demo.resolve("packages");
    AtomicFiles.deleteTree(pkgs);
    repository(pkgs);
    out.println("Built a fixture package repository in ./demo/packages (strace, libunwind8)");

    Sysroot.initFs(sys);
    Repo repo = Repo.init(sys.resolve("ostree/repo"), RepoMode.BARE);
    Sysroot s = Sysroot.open(sys, new StoreRepository(repo), line -> { });
    s.osInit(OS);
    Path tree = demo.resolve(".base-tree");
    AtomicFiles.deleteTree(tree);
    baseTree(tree, pkgs);
    Path staging = repo.path().resolve("tmp/strata-import-demo");
    AtomicFiles.deleteTree(staging);
    String base;
    try {
      TreeImport.prepare(tree, staging);
      CommitBuilder b = repo.newCommit().tree(staging).branch(REF).metadataString("version", "1.0")
          .subject("Demo base");
      BasePackages.record(staging).ifPresent(list -> list.addTo(b));
      base = b.call().checksum().hex();
    } finally {
      AtomicFiles.deleteTree(staging);
      AtomicFiles.deleteTree(tree);
    }
    out.println("Imported the base tree as " + REF + " " + base.substring(0, 12) + " and deployed it");
    s.deploy(OS, REF, null, Kargs.parse("root=LABEL=demo rw"));
    out.println();
    out.println("$ strata --sysroot=demo/sysroot install strace");
    out.flush();
    LayerTransaction.Result r = LayerTransaction.on(s, repo).install(List.of("strace"))
        .scripts(Scripts.phase()).progress(new Progress(err)).call();
    out.println("Layered " + String.join(", ", r.packages().stream().map(p -> p.nevra()).toList())
        + " onto the base; deployment " + r.deployment().name() + " is the new default.");
    return sys;
  }

  static void unlock(Path sys) throws IOException {
    Path deploy = sys.resolve("ostree/deploy");
    if (!Files.isDirectory(deploy)) {
      return;
    }
    try (Stream<Path> st = Files.find(deploy, 3, (p, a) -> a.isDirectory()
        && p.getFileName().toString().matches("[0-9a-f]{64}\\.[0-9]+"))) {
      for (Path p : st.toList()) {
        dev.strata.store.util.LinuxFs.setImmutable(p, false);
      }
    }
  }

  /** A small Debian-style tree: stand-in kernel, users, a dpkg database, apt pointing at the demo repository. */
  private static void baseTree(Path t, Path pkgs) throws IOException {
    Path k = Files.createDirectories(t.resolve("usr/lib/modules/6.1.0-demo"));
    Files.writeString(k.resolve("vmlinuz"), "STAND-IN KERNEL\n");
    Files.writeString(k.resolve("initramfs.img"), "STAND-IN INITRAMFS\n");
    Files.writeString(t.resolve("usr/lib/os-release"), "PRETTY_NAME=\"Strata demo\"\nID=strata-demo\nVERSION_ID=1.0\n");
    Path etc = Files.createDirectories(t.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\n");
    Files.createDirectories(etc.resolve("apt/sources.list.d"));
    Files.writeString(etc.resolve("apt/sources.list.d/demo.list"),
        "# the demo's local fixture repository (unsigned, hence trusted=yes)\n"
        + "deb [trusted=yes] " + pkgs.toUri() + " demo main\n");
    Files.createDirectories(t.resolve("usr/bin"));
    Files.writeString(t.resolve("usr/bin/hello"), "#!/bin/sh\necho hello\n");
    Path dpkg = Files.createDirectories(t.resolve("var/lib/dpkg/info"));
    Files.writeString(dpkg.getParent().resolve("status"), stanza("base-files", "12.4", "/usr/bin/hello")
        + stanza("dpkg", "1.21.22", null) + stanza("libc6", "2.36-9", null));
    Files.writeString(dpkg.resolve("base-files.list"), "/.\n/usr\n/usr/bin\n/usr/bin/hello\n");
    Files.writeString(dpkg.resolve("dpkg.list"), "/.\n");
    Files.writeString(dpkg.resolve("libc6.list"), "/.\n");
  }

  private static String stanza(String name, String version, String file) {
    return "Package: " + name + "\nStatus: install ok installed\nPriority: required\n"
        + "Maintainer: Strata <demo@strata.invalid>\nArchitecture: amd64\nVersion: " + version
        + "\nDescription: demo base package " + name + "\n\n";
  }

  /** The fixture repository: dists/demo/InRelease (unsigned), Packages, pool/*.deb. */
  private static void repository(Path dir) throws IOException {
    Path pool = Files.createDirectories(dir.resolve("pool/main"));
    Path strace = deb(pool, "strace", "6.1-0.1", "libc6 (>= 2.34), libunwind8", "/usr/bin/strace",
        "#!/bin/sh\necho 'strace -- version 6.1 (Strata demo fixture)'\n");
    Path unwind = deb(pool, "libunwind8", "1.6.2-3", "libc6 (>= 2.34)",
        "/usr/lib/x86_64-linux-gnu/libunwind.so.8", "demo library\n");
    StringBuilder packages = new StringBuilder();
    for (Path p : List.of(strace, unwind)) {
      String[] nv = p.getFileName().toString().split("_");
      packages.append("Package: ").append(nv[0]).append("\nVersion: ").append(nv[1])
          .append("\nArchitecture: amd64\n");
      if (nv[0].equals("strace")) {
        packages.append("Depends: libc6 (>= 2.34), libunwind8\n");
      } else {
        packages.append("Depends: libc6 (>= 2.34)\nMulti-Arch: same\n");
      }
      packages.append("Filename: pool/main/").append(p.getFileName()).append("\nSize: ")
          .append(Files.size(p)).append("\nSHA256: ").append(PackageImporter.sha256(p))
          .append("\nDescription: demo fixture ").append(nv[0]).append("\n\n");
    }
    Path bin = Files.createDirectories(dir.resolve("dists/demo/main/binary-amd64"));
    byte[] idx = packages.toString().getBytes(StandardCharsets.UTF_8);
    Files.write(bin.resolve("Packages"), idx);
    String sha = java.util.HexFormat.of().formatHex(sha256(idx));
    Files.writeString(dir.resolve("dists/demo/InRelease"), "Origin: Strata demo\nSuite: demo\nCodename: demo\n"
        + "Architectures: amd64\nComponents: main\nSHA256:\n " + sha + " " + idx.length
        + " main/binary-amd64/Packages\n");
  }

  private static byte[] sha256(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path deb(Path dir, String name, String version, String depends, String file, String content)
      throws IOException {
    String control = "Package: " + name + "\nVersion: " + version + "\nArchitecture: amd64\n"
        + "Maintainer: Strata <demo@strata.invalid>\nDepends: " + depends + "\n"
        + "Description: demo fixture " + name + "\n";
    ByteArrayOutputStream ctl = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(ctl))) {
      entry(t, "./", null, 040755);
      entry(t, "./control", control, 0100644);
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(data))) {
      entry(t, "./", null, 040755);
      String[] parts = file.substring(1).split("/");
      StringBuilder p = new StringBuilder(".");
      for (int i = 0; i < parts.length - 1; i++) {
        p.append('/').append(parts[i]);
        entry(t, p + "/", null, 040755);
      }
      entry(t, "." + file, content, file.contains("/bin/") ? 0100755 : 0100644);
    }
    ByteArrayOutputStream ar = new ByteArrayOutputStream();
    ar.write("!<arch>\n".getBytes(StandardCharsets.US_ASCII));
    member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
    member(ar, "control.tar.gz", ctl.toByteArray());
    member(ar, "data.tar.gz", data.toByteArray());
    Path out = dir.resolve(name + "_" + version + "_amd64.deb");
    Files.write(out, ar.toByteArray());
    return out;
  }

  private static void entry(TarArchiveOutputStream t, String path, String content, int mode) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(path);
    e.setMode(mode);
    e.setUserName("root");
    e.setGroupName("root");
    e.setModTime(1704067200000L);
    byte[] b = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
    if (content != null) {
      e.setSize(b.length);
    }
    t.putArchiveEntry(e);
    if (content != null) {
      t.write(b);
    }
    t.closeArchiveEntry();
  }

  private static void member(ByteArrayOutputStream ar, String name, byte[] data) throws IOException {
    ar.write(String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", name, "1704067200", "0", "0", "100644",
        data.length).getBytes(StandardCharsets.US_ASCII));
    ar.write(data);
    if (data.length % 2 == 1) {
      ar.write('\n');
    }
  }
}
