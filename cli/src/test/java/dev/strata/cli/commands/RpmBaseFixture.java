package dev.strata.cli.commands;

import dev.strata.fixtures.HostTools;
import dev.strata.fixtures.TestRpm;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.PackageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test kit for layering on an RPM base: a deployed tree whose package list is Strata's package
 * database (RPM rows, as {@code compose import} and layering write it; no dpkg database) and whose
 * {@code /etc/yum.repos.d/fixture.repo} points at a {@code file:} rpm-md repository made by
 * {@code createrepo_c} from {@link TestRpm} packages. The same base and repository can be given to
 * libsolv's {@code testsolv}.
 */
final class RpmBaseFixture {
  /**
   * The base: name, version, release, arch, then {@code P:capability} provides and
   * {@code F:/path} files.
   */
  static final String[][] BASE = {
    {"bash", "5.2", "1", "x86_64", "P:/bin/sh", "F:/usr/bin/bash", "F:/usr/bin/sh"},
    {"basetool", "1.5", "1", "noarch", "F:/usr/bin/tool"},
    {"filesystem", "3.18", "1", "x86_64"},
  };

  final SysrootFixture sys;
  final Path dir;
  final Path repo;
  final String baseCommit;

  RpmBaseFixture(Path dir) throws IOException {
    this(dir, false);
  }

  /**
   * @param dir a scratch directory
   * @param realRpmdb true: the base is a plain tree with a real rpmdb (made by rpm from {@link
   *     TestRpm} packages for {@link #BASE}) imported by {@code strata compose import}, which
   *     writes the package database; false: the package database is written directly
   */
  RpmBaseFixture(Path dir, boolean realRpmdb) throws IOException {
    HostTools.require("createrepo_c");
    this.dir = dir;
    sys = new SysrootFixture(dir);
    repo = Files.createDirectories(dir.resolve("rpm-repo"));
    // app -> libapp (>= 2.0, the newer of two) -> libdep -> the base's /usr/bin/bash (a file);
    // app also needs /bin/sh (a base provide) and basetool (>= 1.0), met by the locked 1.5-1
    rpm(TestRpm.builder("app").requires("libapp >= 2.0").requires("/bin/sh")
        .requires("basetool >= 1.0"), "/usr/share/app/readme");
    rpm(TestRpm.builder("libapp").version("1.0"), "/usr/share/libapp/1");
    rpm(TestRpm.builder("libapp").version("2.0").requires("libdep"), "/usr/share/libapp/2");
    rpm(TestRpm.builder("libdep").requires("/usr/bin/bash"), "/usr/share/libdep/data");
    rpm(TestRpm.builder("basetool").version("2.0"), "/usr/share/basetool/2");
    rpm(TestRpm.builder("needsnewer").requires("basetool >= 2.0"), "/usr/share/needsnewer/data");
    rpm(TestRpm.builder("helper"), "/usr/share/helper/data");
    HostTools.run("createrepo_c", "-q", repo.toString()).ok();
    if (realRpmdb) {
      baseCommit = importTreeWithRpmdb();
      return;
    }
    baseCommit = TinyDebianBase.deploy(sys, tree -> {
      DebianLayerFixture.deleteTree(tree.resolve("usr/share/dpkg"));
      Files.createDirectories(tree.resolve("usr/lib/strata"));
      PackageDatabase.create(tree.resolve("usr/lib/strata/packages.mv.db"), baseRows());
      Path repos = Files.createDirectories(tree.resolve("usr/etc/yum.repos.d"));
      Files.writeString(repos.resolve("fixture.repo"), repoFile()
          + "\n[disabled]\nname=Off\nbaseurl=file:///nonexistent\nenabled=0\n");
    });
  }

  private String repoFile() {
    return "[fixture]\nname=Fixture\nbaseurl=" + repo.toUri() + "\nenabled=1\ngpgcheck=0\n";
  }

  private String importTreeWithRpmdb() throws IOException {
    HostTools.require("rpm");
    Path t = dir.resolve("rpm-tree");
    Path k = Files.createDirectories(t.resolve("usr/lib/modules/6.1.0-test"));
    Files.writeString(k.resolve("vmlinuz"), "FAKE KERNEL\n");
    Files.writeString(k.resolve("initramfs.img"), "FAKE INITRD\n");
    Files.writeString(t.resolve("usr/lib/os-release"), "PRETTY_NAME=\"Tiny RPM\"\nID=fedora\n");
    Files.createDirectories(t.resolve("etc/yum.repos.d"));
    Files.writeString(t.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(t.resolve("etc/group"), "root:x:0:\n");
    Files.writeString(t.resolve("etc/yum.repos.d/fixture.repo"), repoFile());
    Path rpms = Files.createDirectories(dir.resolve("base-rpms"));
    List<String> cmd = new ArrayList<>(List.of("rpm", "--dbpath", "", "-i", "--justdb", "--nodeps",
        "--noscripts", "--ignorearch", "--ignoreos"));
    for (String[] b : BASE) {
      TestRpm r = TestRpm.builder(b[0]).version(b[1]).release(b[2]).arch(b[3]);
      for (int i = 4; i < b.length; i++) {
        if (b[i].startsWith("P:")) {
          r.provides(b[i].substring(2));
        } else {
          r.file(b[i].substring(2), (b[0] + "\n").getBytes(), 0755);
          Files.createDirectories(t.resolve(b[i].substring(3)).getParent());
          Files.writeString(t.resolve(b[i].substring(3)), b[0] + "\n");
        }
      }
      cmd.add(r.build(rpms).toString());
    }
    Path db = Files.createDirectories(t.resolve("usr/lib/sysimage/rpm"));
    cmd.set(2, db.toString());
    HostTools.run("rpm", "--dbpath", db.toString(), "--initdb").ok();
    HostTools.run(cmd.toArray(String[]::new)).ok();
    sys.inProcess("compose", "import", "--repo=" + sys.root.resolve("ostree/repo"), "-b", "rpmos/stable",
        "--version=1", t.toString()).ok();
    sys.strata("admin", "deploy", "--os=testos", "rpmos/stable").ok();
    return dev.strata.store.Repo.open(sys.root.resolve("ostree/repo")).resolve("rpmos/stable").hex();
  }

  private void rpm(TestRpm b, String file) {
    b.file(file, (file + "\n").getBytes(), 0644).build(repo);
  }

  /** A package file outside the repository (a local file for {@code install ./x.rpm}). */
  Path localRpm(TestRpm b, String file) throws IOException {
    Path d = Files.createDirectories(dir.resolve("local"));
    return b.file(file, (file + "\n").getBytes(), 0644).build(d);
  }

  static List<InstalledPackage> baseRows() {
    List<InstalledPackage> rows = new ArrayList<>();
    for (String[] b : BASE) {
      List<String> provides = new ArrayList<>(List.of(b[0] + " (= " + b[1] + "-" + b[2] + ")"));
      List<String> files = new ArrayList<>();
      for (int i = 4; i < b.length; i++) {
        (b[i].startsWith("P:") ? provides : files).add(b[i].substring(2));
      }
      rows.add(new InstalledPackage(PackageFormat.RPM, b[0], 0, b[1], b[2], b[3], provides,
          List.of(), files));
    }
    return rows;
  }

  /** The NEVRAs ({@code name-version-release.arch}) Strata's dry run would add. */
  Set<String> strataPlan(String... args) {
    String[] a = new String[args.length + 3];
    a[0] = "install";
    a[1] = "--dry-run";
    a[2] = "--json";
    System.arraycopy(args, 0, a, 3, args.length);
    return planSet(sys.strata(a).ok().out());
  }

  /** The NEVRAs in the {@code install} array of a {@code --dry-run --json} output. */
  static Set<String> planSet(String json) {
    Set<String> s = new TreeSet<>();
    for (var e : com.google.gson.JsonParser.parseString(json).getAsJsonObject()
        .getAsJsonArray("install")) {
      var o = e.getAsJsonObject();
      s.add(o.get("name").getAsString() + "-" + o.get("version").getAsString() + "."
          + o.get("arch").getAsString());
    }
    return s;
  }

  /**
   * libsolv's answer for the same base (every package locked) and repository, plus an optional
   * local package file as a command-line repository.
   *
   * @param job testsolv job arguments, such as {@code name app}
   * @param local a local .rpm to add as repository {@code cmdline}, or null
   * @return the NEVRAs libsolv installs, or null when it reports a problem
   */
  Set<String> testsolv(String job, Path local) throws IOException {
    HostTools.require("testsolv");
    Path solv = dir.resolve("fixture.solv");
    if (!Files.exists(solv)) {
      HostTools.run("repo2solv", "-F", "-o", solv.toString(), repo.toString()).ok();
    }
    StringBuilder tc = new StringBuilder("repo system 0 testtags <inline>\n");
    for (String[] b : BASE) {
      tc.append("#>=Pkg: ").append(b[0]).append(' ').append(b[1]).append(' ').append(b[2])
          .append(' ').append(b[3]).append('\n');
      tc.append("#>=Prv: ").append(b[0]).append(" = ").append(b[1]).append('-').append(b[2]).append('\n');
      for (int i = 4; i < b.length; i++) {
        tc.append("#>=Prv: ").append(b[i].substring(2)).append('\n'); // files count as provides
      }
    }
    tc.append("repo fixture 0 solv fixture.solv\n");
    if (local != null) {
      Path cmd = Files.createDirectories(dir.resolve("cmdline"));
      Files.copy(local, cmd.resolve(local.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      HostTools.run("createrepo_c", "-q", cmd.toString()).ok();
      HostTools.run("repo2solv", "-F", "-o", dir.resolve("cmdline.solv").toString(), cmd.toString()).ok();
      tc.append("repo cmdline 0 solv cmdline.solv\n");
    }
    tc.append("system x86_64 rpm system\n");
    for (String[] b : BASE) {
      tc.append("job lock name ").append(b[0]).append('\n');
    }
    tc.append("job install ").append(job).append('\n');
    tc.append("result transaction,problems <inline>\n");
    Path f = dir.resolve("case.t");
    Files.writeString(f, tc);
    return dev.strata.fixtures.TestSolv.run(f).installs();
  }

  /** The packages of the package database in a deployment, as {@code name-version-release.arch}. */
  Set<String> deployedPackages(String deployment) throws IOException {
    Path d = sys.root.resolve("ostree/deploy/testos/deploy/" + deployment);
    Set<String> s = new TreeSet<>();
    try (PackageDatabase db = PackageDatabase.open(d.resolve("usr/lib/strata/packages.mv.db"))) {
      db.packages().forEach(p -> s.add(p.name() + "-" + p.evr() + "." + p.arch()));
    }
    return s;
  }
}
