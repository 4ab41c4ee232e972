package dev.strata.sysroot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the deployment list from the boot entries, as {@code ostree_sysroot_load} does. */
final class StateReader {
  static final Pattern OSTREE_KARG = Pattern.compile("^/ostree/boot\\.([01])/([^/]+)/([^/]+)/([0-9]+)$");
  static final Pattern DEPLOY_NAME = Pattern.compile("^([0-9a-f]+)\\.([0-9]+)$");

  /** The environment variable naming the booted deployment for tests (see docs/sysroot.md). */
  static final String BOOTED_ENV = "STRATA_BOOTED_DEPLOYMENT";

  private StateReader() {}

  static int bootversion(Path root) throws IOException {
    String t = Fs.readLink(root.resolve("boot/loader"));
    if (t == null) {
      return 0;
    }
    if (t.equals("loader.0")) {
      return 0;
    }
    if (t.equals("loader.1")) {
      return 1;
    }
    throw new IOException("boot/loader points to '" + t + "', not loader.0 or loader.1; repair the symlink");
  }

  static int subbootversion(Path root, int bootversion) throws IOException {
    String t = Fs.readLink(root.resolve("ostree/boot." + bootversion));
    if (t == null) {
      return 0;
    }
    if (t.equals("boot." + bootversion + ".0")) {
      return 0;
    }
    if (t.equals("boot." + bootversion + ".1")) {
      return 1;
    }
    throw new IOException("ostree/boot." + bootversion + " points to '" + t + "'; repair the symlink");
  }

  static SysrootState read(Path root, String bootedEnv) throws IOException {
    int bv = bootversion(root);
    int sbv = subbootversion(root, bv);
    Path entriesDir = root.resolve("boot/loader." + bv + "/entries");
    List<BootEntry> entries = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(entriesDir)) {
      try (Stream<Path> s = Files.list(entriesDir)) {
        for (Path p : s.sorted().toList()) {
          String n = p.getFileName().toString();
          if (n.startsWith("ostree-") && n.endsWith(".conf") && Files.isRegularFile(p)) {
            entries.add(BootEntry.parse(Files.readString(p, StandardCharsets.UTF_8)));
            names.add(n);
          }
        }
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparing((Integer i) -> entries.get(i).get("version"), StateReader::strverscmp)
            .reversed());
    List<Deployment> deployments = new ArrayList<>();
    for (int i : order) {
      deployments.add(fromEntry(root, entries.get(i), names.get(i), deployments.size()));
    }
    return new SysrootState(bv, sbv, deployments, booted(root, deployments, bootedEnv));
  }

  private static Deployment fromEntry(Path root, BootEntry e, String file, int index) throws IOException {
    Kargs kargs = e.options();
    List<String> vals = kargs.values("ostree");
    Matcher m = vals.size() == 1 && vals.get(0) != null ? OSTREE_KARG.matcher(vals.get(0)) : null;
    if (m == null || !m.matches()) {
      throw new IOException(
          "boot entry " + file + " has no valid ostree= argument; repair or remove the entry");
    }
    String link = vals.get(0).substring(1);
    String target = Fs.readLink(root.resolve(link));
    if (target == null) {
      throw new IOException("boot entry " + file + " points to missing " + link + "; repair the sysroot");
    }
    String name = Path.of(target).getFileName().toString();
    Matcher dm = DEPLOY_NAME.matcher(name);
    if (!dm.matches()) {
      throw new IOException(link + " points to '" + target + "', not CHECKSUM.SERIAL; repair the sysroot");
    }
    String osname = m.group(2);
    Path originFile = root.resolve("ostree/deploy/" + osname + "/deploy/" + name + ".origin");
    Origin origin =
        Files.exists(originFile)
            ? Origin.parse(Files.readString(originFile, StandardCharsets.UTF_8))
            : new Origin(java.util.Map.of());
    return new Deployment(
        index,
        osname,
        dm.group(1),
        Integer.parseInt(dm.group(2)),
        m.group(3),
        Integer.parseInt(m.group(4)),
        origin,
        kargs);
  }

  private static Deployment booted(Path root, List<Deployment> deployments, String env) throws IOException {
    if (env != null && !env.isBlank()) {
      String want = env.strip();
      for (Deployment d : deployments) {
        if (d.name().equals(want) || (d.osname() + ":" + d.name()).equals(want)) {
          return d;
        }
      }
      throw new IOException(
          BOOTED_ENV + "=" + want + " names no deployment of " + root + "; use CHECKSUM.SERIAL of one listed by 'strata status'");
    }
    if (!root.toRealPath().equals(Path.of("/"))) {
      return null;
    }
    Path cmdline = Path.of("/proc/cmdline");
    if (!Files.isReadable(cmdline)) {
      return null;
    }
    List<String> v = Kargs.parse(Files.readString(cmdline)).values("ostree");
    if (v.isEmpty() || v.get(0) == null) {
      return null;
    }
    Path target;
    try {
      target = root.resolve(v.get(0).substring(1)).toRealPath();
    } catch (IOException e) {
      return null;
    }
    for (Deployment d : deployments) {
      Path dir = root.resolve(d.relativePath());
      if (Files.exists(dir) && Files.isSameFile(dir, target)) {
        return d;
      }
    }
    return null;
  }

  /** glibc's strverscmp, simplified: digit runs compare numerically, the rest by character. */
  static int strverscmp(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
