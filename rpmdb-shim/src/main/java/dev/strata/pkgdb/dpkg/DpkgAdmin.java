package dev.strata.pkgdb.dpkg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Edits dpkg's admin directory of a tree ({@code usr/share/dpkg/database} in an imported tree,
 * {@code var/lib/dpkg} in a plain one) the way {@code dpkg -i} and {@code dpkg --purge} leave it:
 * the {@code status} stanza, {@code info/NAME.list}, {@code .md5sums}, {@code .conffiles}, the
 * maintainer scripts and other control members, and the trigger interest files in
 * {@code triggers/}. Multi-Arch: same packages use {@code NAME:ARCH.*}.
 *
 * <p>Changes are collected in memory and written by {@link #write(Path)}: every file is written
 * new beside its target, fsynced (unless {@link #unsynced()}) and renamed over it, so a file
 * shared with a repository through a hardlink is replaced, never edited. Not thread-safe.
 */
public final class DpkgAdmin {
  private static final Set<String> SCRIPTS = Set.of("preinst", "postinst", "prerm", "postrm",
      "config");

  private final Path adminDir;
  private final String originalStatus;
  private boolean synced = true;
  /** key NAME or NAME:ARCH-as-in-status -> stanza text without the final blank line. */
  private final Map<String, String> stanzas = new LinkedHashMap<>();
  private final Map<String, DpkgPackage> added = new LinkedHashMap<>();
  private final Set<String> purgedInfo = new LinkedHashSet<>();
  /** triggers/ files (File and one per trigger name) -> lines. */
  private final Map<String, List<String>> triggerFiles = new TreeMap<>();
  private final Set<String> changedTriggerFiles = new LinkedHashSet<>();

  private DpkgAdmin(Path adminDir, String status) throws IOException {
    this.adminDir = adminDir;
    this.originalStatus = status;
    for (String block : status.split("\n(?:[ \t]*\n)+")) {
      String b = block.strip();
      if (b.isEmpty()) {
        continue;
      }
      String name = field(b, "Package");
      if (name == null) {
        throw new IOException("a stanza in " + adminDir.resolve("status") + " has no Package "
            + "field; repair the dpkg database");
      }
      stanzas.put(key(name, field(b, "Architecture"), field(b, "Multi-Arch")), b);
    }
    Path trig = adminDir.resolve("triggers");
    if (Files.isDirectory(trig)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(trig)) {
        for (Path p : s) {
          String n = p.getFileName().toString();
          if (!n.equals("Lock") && !n.equals("Unincorp") && Files.isRegularFile(p)) {
            triggerFiles.put(n, new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8)));
          }
        }
      }
    }
  }

  /**
   * Leaves out the fsyncs, for an admin directory inside a staging tree that is made durable as a
   * whole later (a layered tree is, by its commit, which syncs every object it stores). Files are
   * still written beside their targets and renamed over them.
   *
   * @return this
   */
  public DpkgAdmin unsynced() {
    synced = false;
    return this;
  }

  /**
   * Reads the admin directory's {@code status} and {@code triggers/}.
   *
   * @param adminDir dpkg's admin directory
   * @return the editor
   * @throws IOException when there is no status file or it is malformed
   */
  public static DpkgAdmin open(Path adminDir) throws IOException {
    Path status = adminDir.resolve("status");
    if (!Files.isRegularFile(status)) {
      throw new IOException("no dpkg status file at " + status + "; is this a Debian tree?");
    }
    return new DpkgAdmin(adminDir, Files.readString(status, StandardCharsets.UTF_8));
  }

  /** @return the admin directory */
  public Path adminDir() {
    return adminDir;
  }

  private static String key(String name, String arch, String multiArch) {
    return "same".equals(multiArch) ? name + ":" + arch : name;
  }

  static String field(String stanza, String name) {
    for (String line : stanza.split("\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  /**
   * @param name a package name
   * @return the Status value of that package ({@code install ok installed}...), or null when absent
   */
  public String status(String name) {
    for (Map.Entry<String, String> e : stanzas.entrySet()) {
      if (e.getKey().equals(name) || e.getKey().startsWith(name + ":")) {
        return field(e.getValue(), "Status");
      }
    }
    return null;
  }

  /**
   * @param infoName NAME, or NAME:ARCH for Multi-Arch: same
   * @param field a status field such as {@code Version} or {@code Architecture}
   * @return its value (first line), or null when the package or field is absent
   */
  public String statusField(String infoName, String field) {
    String s = stanzas.get(infoName);
    return s == null ? null : field(s, field);
  }

  /**
   * Adds a package (or replaces the stanza and info files of the same name and architecture).
   *
   * @param p the package
   * @param state its state
   */
  public void install(DpkgPackage p, DpkgState state) {
    stanzas.put(p.infoName(), StatusStanza.format(p, state).strip());
    added.put(p.infoName(), p);
    purgedInfo.remove(p.infoName());
    for (String[] t : interests(p.members().get("triggers"))) {
      String file = t[1].startsWith("/") ? "File" : t[1];
      String entry = t[0].equals("interest-noawait") ? p.infoName() + "/noawait" : p.infoName();
      List<String> lines = triggerFiles.computeIfAbsent(file, k -> new ArrayList<>());
      String line = file.equals("File") ? t[1] + " " + entry : entry;
      if (!lines.contains(line)) {
        lines.add(line);
        changedTriggerFiles.add(file);
      }
    }
  }

  /**
   * Changes the state of a package added or already present.
   *
   * @param infoName NAME, or NAME:ARCH for Multi-Arch: same
   * @param state the new state
   * @throws IOException when the package is not in the database
   */
  public void setState(String infoName, DpkgState state) throws IOException {
    String s = stanzas.get(infoName);
    if (s == null) {
      throw new IOException("package " + infoName + " is not in " + adminDir.resolve("status")
          + "; add it first");
    }
    stanzas.put(infoName, s.replaceFirst("(?m)^Status: .*$", "Status: " + state.statusValue()));
  }

  /**
   * Removes a package completely (as {@code dpkg --purge}): stanza, info files, trigger interests.
   *
   * @param infoName NAME, or NAME:ARCH for Multi-Arch: same
   * @throws IOException when the package is not in the database
   */
  public void purge(String infoName) throws IOException {
    if (stanzas.remove(infoName) == null) {
      throw new IOException("package " + infoName + " is not in " + adminDir.resolve("status")
          + "; nothing to remove");
    }
    added.remove(infoName);
    purgedInfo.add(infoName);
    for (Map.Entry<String, List<String>> e : triggerFiles.entrySet()) {
      if (e.getValue().removeIf(l -> {
        String entry = e.getKey().equals("File") ? l.substring(l.indexOf(' ') + 1) : l;
        return entry.equals(infoName) || entry.equals(infoName + "/noawait");
      })) {
        changedTriggerFiles.add(e.getKey());
      }
    }
  }

  /**
   * The packages interested in a trigger, from the {@code triggers/} index as edited so far.
   *
   * @param trigger an explicit trigger name ({@code ldconfig}) or a path ({@code /usr/share/man})
   * @return the interested packages' info names, in index order
   */
  public List<String> interested(String trigger) {
    List<String> out = new ArrayList<>();
    if (trigger.startsWith("/")) {
      for (String l : triggerFiles.getOrDefault("File", List.of())) {
        int sp = l.indexOf(' ');
        if (sp > 0 && l.substring(0, sp).equals(trigger)) {
          out.add(l.substring(sp + 1).replace("/noawait", ""));
        }
      }
    } else {
      for (String l : triggerFiles.getOrDefault(trigger, List.of())) {
        if (!l.isBlank()) {
          out.add(l.strip().replace("/noawait", ""));
        }
      }
    }
    return out;
  }

  /** @return every file-trigger path with interest, in index order */
  public List<String> fileTriggerPaths() {
    List<String> out = new ArrayList<>();
    for (String l : triggerFiles.getOrDefault("File", List.of())) {
      int sp = l.indexOf(' ');
      if (sp > 0 && !out.contains(l.substring(0, sp))) {
        out.add(l.substring(0, sp));
      }
    }
    return out;
  }

  /**
   * Parses a {@code triggers} control member into (directive, name) pairs.
   *
   * @param b the member, or null
   * @return the interest directives only
   */
  static List<String[]> interests(byte[] b) {
    List<String[]> out = new ArrayList<>();
    for (String[] d : directives(b)) {
      if (d[0].startsWith("interest")) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * @param b a {@code triggers} control member, or null
   * @return its (directive, trigger) pairs, comments dropped
   */
  public static List<String[]> directives(byte[] b) {
    List<String[]> out = new ArrayList<>();
    if (b == null) {
      return out;
    }
    for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
      String t = line.replaceAll("#.*", "").strip();
      String[] p = t.split("\\s+");
      if (p.length == 2) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Writes the changes: the added packages' info files, the trigger index files, then
   * {@code status-old} (the previous status) and {@code status}. With {@code target} equal to the
   * admin directory the database is edited (purged packages' info files deleted); with another
   * directory only the changed files are written there (an overlay layer over the admin
   * directory), which cannot express purges.
   *
   * @param target the admin directory, or a directory standing for it in an upper layer
   * @throws IOException when a file cannot be written, or purges are written to another directory
   */
  public void write(Path target) throws IOException {
    boolean inPlace = Files.isSameFile(Files.createDirectories(target), adminDir);
    if (!inPlace && !purgedInfo.isEmpty()) {
      throw new IOException("cannot record package removals in a layer (" + target + "); "
          + "write them to the admin directory itself");
    }
    Path info = Files.createDirectories(target.resolve("info"));
    for (DpkgPackage p : added.values()) {
      if (inPlace) {
        deleteInfo(info, p.infoName());
      }
      for (Map.Entry<String, byte[]> m : p.members().entrySet()) {
        writeFile(info.resolve(p.infoName() + "." + m.getKey()), m.getValue(),
            SCRIPTS.contains(m.getKey()) ? "rwxr-xr-x" : "rw-r--r--");
      }
      if (!p.members().containsKey("md5sums")) {
        writeFile(info.resolve(p.infoName() + ".md5sums"), generatedMd5sums(p), "rw-r--r--");
      }
      StringBuilder list = new StringBuilder();
      for (String path : p.paths()) {
        list.append(path.equals("/") ? "/." : path).append('\n');
      }
      if (p.paths().isEmpty() || !p.paths().get(0).equals("/")) {
        list.insert(0, "/.\n");
      }
      writeFile(info.resolve(p.infoName() + ".list"), bytes(list.toString()), "rw-r--r--");
    }
    for (String n : purgedInfo) {
      deleteInfo(info, n);
    }
    if (!changedTriggerFiles.isEmpty()) {
      Path trig = Files.createDirectories(target.resolve("triggers"));
      for (String f : changedTriggerFiles) {
        List<String> lines = triggerFiles.get(f);
        if (lines.isEmpty() && !f.equals("File")) {
          Files.deleteIfExists(trig.resolve(f));
        } else {
          StringBuilder sb = new StringBuilder();
          lines.forEach(l -> sb.append(l).append('\n'));
          writeFile(trig.resolve(f), bytes(sb.toString()), "rw-r--r--");
        }
      }
    }
    fsyncDir(info);
    if (Files.isDirectory(target.resolve("triggers"))) {
      fsyncDir(target.resolve("triggers"));
    }
    writeFile(target.resolve("status-old"), bytes(originalStatus), "rw-r--r--");
    writeFile(target.resolve("status"), bytes(statusText()), "rw-r--r--");
    fsyncDir(target);
  }

  private void fsyncDir(Path dir) throws IOException {
    if (!synced) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** @return the status file as it will be written */
  public String statusText() {
    List<Map.Entry<String, String>> list = new ArrayList<>(stanzas.entrySet());
    list.sort(Comparator.comparing((Map.Entry<String, String> e) -> field(e.getValue(), "Package"))
        .thenComparing(e -> String.valueOf(field(e.getValue(), "Architecture"))));
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : list) {
      sb.append(e.getValue()).append("\n\n");
    }
    return sb.toString();
  }

  private static byte[] generatedMd5sums(DpkgPackage p) {
    Set<String> conf = new LinkedHashSet<>(p.conffiles());
    StringBuilder sb = new StringBuilder();
    for (String path : p.paths()) {
      String md5 = p.fileMd5().get(path);
      if (md5 != null && !conf.contains(path)) {
        sb.append(md5).append("  ").append(path.substring(1)).append('\n');
      }
    }
    return bytes(sb.toString());
  }

  private static void deleteInfo(Path info, String infoName) throws IOException {
    if (!Files.isDirectory(info)) {
      return;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(info, infoName + ".*")) {
      for (Path p : s) {
        String rest = p.getFileName().toString().substring(infoName.length() + 1);
        if (!rest.contains(".")) {
          Files.delete(p);
        }
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes beside the target, fsyncs (unless unsynced), renames over it: the old inode is never written. */
  private void writeFile(Path target, byte[] data, String perms) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".strata-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(data));
        if (synced) {
          ch.force(true);
        }
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(perms));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (!Files.isSymbolicLink(target) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " is not a regular file after writing; check the tree");
    }
  }
}
