package dev.strata.layering.importer;

import dev.strata.layering.LayeringException;
import dev.strata.pkg.FileType;
import dev.strata.pkg.PackageArchive;
import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PackageFormat;
import dev.strata.pkg.PackageHeader;
import dev.strata.pkg.PayloadEntry;
import dev.strata.pkg.PayloadStream;
import dev.strata.pkg.Relation;
import dev.strata.pkg.RelationKind;
import dev.strata.pkg.Script;
import dev.strata.pkg.Trigger;
import dev.strata.store.Checksum;
import dev.strata.store.CommitBuilder;
import dev.strata.store.Repo;
import dev.strata.store.util.AtomicFiles;
import dev.strata.store.util.Failpoints;
import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports package files into the package cache, each once: a commit of the package's files under
 * ref {@link #ref}, with the immutable-tree path mapping applied:
 *
 * <ul>
 *   <li>{@code /etc/X} is stored at {@code usr/etc/X}; {@code /boot/X} at {@code
 *       usr/lib/ostree-boot/X}; {@code /bin, /sbin, /lib, /lib32, /lib64, /libx32} at their
 *       {@code usr/} counterparts (merged /usr);
 *   <li>{@code /opt/X} is stored at {@code usr/lib/opt/X} and {@code /usr/local/X} at {@code
 *       usr/lib/usrlocal/X}, each top-level entry linked at boot by a tmpfiles.d line ({@code L
 *       /var/opt/X - - - - /usr/lib/opt/X}, {@code L /var/usrlocal/X ...}), since a base's {@code
 *       /opt} and {@code /usr/local} are links into {@code /var};
 *   <li>{@code /var} and {@code /run} content becomes {@code usr/lib/tmpfiles.d/strata-pkg-NAME.conf}
 *       ({@code d} for directories, {@code L} for symlinks, {@code C} from {@code
 *       usr/share/factory} for files);
 *   <li>any other top-level path is refused.
 * </ul>
 *
 * Not thread-safe.
 */
public final class PackageImporter {
  /** Bumped when the stored layout changes; older cache commits are then imported again. */
  public static final int UNPACK_VERSION = 1;

  private static final Map<String, String> TOP = Map.of(
      "etc", "usr/etc", "boot", "usr/lib/ostree-boot", "bin", "usr/bin", "sbin", "usr/sbin",
      "lib", "usr/lib", "lib32", "usr/lib32", "lib64", "usr/lib64", "libx32", "usr/libx32",
      "opt", "usr/lib/opt");

  private final Repo repo;

  /** @param repo the repository holding the package cache */
  public PackageImporter(Repo repo) {
    this.repo = repo;
  }

  /**
   * The cache ref of a package: {@code strata/pkg/NAME/EVR.ARCH}, characters outside {@code
   * [A-Za-z0-9._-]} written as {@code _XX} (hex). An epoch 0 is left out, as the plan writes it
   * (an RPM header may carry an explicit Epoch 0; repository metadata always says 0).
   */
  public static String ref(String name, String evr, String arch) {
    String e = evr.startsWith("0:") ? evr.substring(2) : evr;
    return "strata/pkg/" + escape(name) + "/" + escape(e) + "." + escape(arch);
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-') {
        sb.append(c);
      } else {
        sb.append(String.format("_%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  /**
   * The cached package for a name and version, if imported with the current layout.
   *
   * @return the cached package, or empty when it must be imported
   */
  public Optional<CachedPackage> lookup(String name, String evr, String arch) throws IOException {
    Optional<Checksum> c = repo.refs().resolve(ref(name, evr, arch));
    if (c.isEmpty() || !repo.hasObject(c.get(), dev.strata.store.ObjectType.COMMIT)) {
      return Optional.empty();
    }
    return Optional.ofNullable(CachedPackage.fromCommit(c.get(), repo.readCommit(c.get())));
  }

  /**
   * Imports one package file, or returns the cache commit already holding it (same file digest).
   *
   * @param file the .deb or .rpm
   * @param signedBy the id of the key whose signature on it was checked, or "" (recorded; a cache
   *     commit recording another key is imported again)
   * @return the cached package
   * @throws LayeringException when the package is malformed, unsafe or ships unsupported paths
   */
  public CachedPackage importFile(Path file, String signedBy) throws IOException {
    String sha = sha256(file);
    try (PackageArchive a = PackageArchive.open(file)) {
      PackageHeader h = a.header();
      String epoch = h.version().epoch().isEmpty() ? "0" : h.version().epoch();
      String evr = h.version().full();
      Optional<CachedPackage> have = lookup(h.name(), evr, h.arch());
      if (have.isPresent() && have.get().fileSha256().equals(sha)
          && (signedBy.isEmpty() || signedBy.equals(have.get().signedBy()))) {
        return have.get();
      }
      Path staging = repo.path().resolve("tmp/strata-pkg-" + AtomicFiles.randomSuffix());
      try {
        Files.createDirectory(staging);
        Unpacked u = unpack(a, h, staging);
        CachedPackage p = new CachedPackage(null, h.format() == PackageFormat.DEB ? "deb" : "rpm",
            h.name(), epoch, h.version().version(), h.version().release(), h.arch(), sha,
            control(h), scripts(h), triggers(h), u.files, h.conffiles(), u.md5sums.toString(),
            provides(h), requires(h),
            u.owners, signedBy);
        Failpoints.hit("layer::import-before-commit");
        CommitBuilder b = repo.newCommit().tree(staging).branch(ref(h.name(), evr, h.arch()))
            .parent(Optional.empty()).bindings(false).timestamp(0)
            .subject("Import " + h.nevra());
        p.toMetadata().forEach(b::metadata);
        Checksum c = b.call().checksum();
        return CachedPackage.fromCommit(c, repo.readCommit(c));
      } catch (dev.strata.pkg.PackageFormatException e) {
        throw new LayeringException(e.getMessage(), e);
      } finally {
        AtomicFiles.deleteTree(staging);
      }
    }
  }

  private static final class Unpacked {
    final List<String> files = new ArrayList<>();
    final List<List<String>> owners = new ArrayList<>();
    final StringBuilder md5sums = new StringBuilder();
    final List<String> tmpfiles = new ArrayList<>();
    final Map<String, String> optLinks = new LinkedHashMap<>();
    final Map<String, Path> written = new java.util.HashMap<>();
  }

  private Unpacked unpack(PackageArchive a, PackageHeader h, Path root) throws IOException {
    Unpacked u = new Unpacked();
    String pkg = h.nevra();
    try (PayloadStream ps = a.payload()) {
      for (PayloadEntry e; (e = ps.next()) != null; ) {
        PackageFile f = e.file();
        u.files.add(f.path().equals("/") ? "/." : f.path());
        if (f.path().equals("/")) {
          continue;
        }
        String rel = f.path().substring(1);
        String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
        boolean topOnly = !rel.contains("/");
        if (top.equals("var") || top.equals("run")) {
          varEntry(f, e.data(), root, u, pkg);
          continue;
        }
        String stored;
        if (top.equals("usr")) {
          if (rel.equals("usr/local") || rel.startsWith("usr/local/")) {
            stored = "usr/lib/usrlocal" + rel.substring("usr/local".length());
            linkAtBoot(u, rel, "usr/local", "/var/usrlocal/", "/usr/lib/usrlocal/");
          } else {
            stored = rel;
          }
        } else if (TOP.containsKey(top)) {
          stored = TOP.get(top) + rel.substring(top.length());
          if (top.equals("opt")) {
            linkAtBoot(u, rel, "opt", "/var/opt/", "/usr/lib/opt/");
          }
        } else {
          throw new LayeringException("package " + pkg + " ships " + f.path()
              + ", outside /usr, /etc, /opt, /boot, /var and /run; such paths cannot be layered,"
              + " ask the packager to move it under /usr");
        }
        if (topOnly && f.type() == FileType.DIRECTORY) {
          mkdirs(root, stored, pkg);
          continue;
        }
        write(f, e.data(), root, stored, u, pkg);
      }
    }
    if (!u.optLinks.isEmpty()) {
      u.optLinks.forEach((link, target) -> u.tmpfiles.add("L " + link + " - - - - " + target));
    }
    if (!u.tmpfiles.isEmpty()) {
      Path conf = mkdirs(root, "usr/lib/tmpfiles.d", pkg).resolve("strata-pkg-" + h.name() + ".conf");
      StringBuilder sb = new StringBuilder("# /var, /run, /opt and /usr/local content of " + pkg
          + " (strata)\n");
      u.tmpfiles.forEach(l -> sb.append(l).append('\n'));
      Files.writeString(conf, sb.toString());
    }
    return u;
  }

  private static void linkAtBoot(Unpacked u, String rel, String prefix, String linkDir, String target) {
    String rest = rel.length() > prefix.length() ? rel.substring(prefix.length() + 1) : "";
    if (rest.isEmpty()) {
      return;
    }
    String first = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    u.optLinks.putIfAbsent(escapeTmpfiles(linkDir + first), escapeTmpfiles(target + first));
  }

  private void varEntry(PackageFile f, InputStream data, Path root, Unpacked u, String pkg)
      throws IOException {
    String p = escapeTmpfiles(f.path());
    if (f.path().equals("/var") || f.path().equals("/run")) {
      return;
    }
    switch (f.type()) {
      case DIRECTORY -> u.tmpfiles.add(String.format("d %s %04o %s %s - -", p, f.mode() & 07777,
          f.owner(), f.group()));
      case SYMLINK -> u.tmpfiles.add("L " + p + " - - - - " + escapeTmpfiles(f.linkTarget()));
      case REGULAR -> {
        String stored = "usr/share/factory" + f.path();
        write(f, data, root, stored, u, pkg);
        u.tmpfiles.add("C " + p + " - - - - /" + escapeTmpfiles(stored));
      }
      default -> throw new IllegalStateException();
    }
  }

  private void write(PackageFile f, InputStream data, Path root, String stored, Unpacked u, String pkg)
      throws IOException {
    if (stored.contains("/../") || stored.startsWith("../") || stored.endsWith("/..")) {
      throw new LayeringException("package " + pkg + " has path " + f.path()
          + " leading outside its root; the package is unsafe, do not install it");
    }
    int slash = stored.lastIndexOf('/');
    Path parent = slash < 0 ? root : mkdirs(root, stored.substring(0, slash), pkg);
    Path target = parent.resolve(stored.substring(slash + 1));
    if (f.type() == FileType.DIRECTORY) {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.setAttribute(target, "unix:mode", f.mode() & 07777);
      } else {
        Files.createDirectory(target);
        Files.setAttribute(target, "unix:mode", f.mode() & 07777);
      }
    } else if (f.type() == FileType.SYMLINK) {
      LinuxFs.symlink(f.linkTarget(), target);
    } else if (f.hardlinkGroup() != 0 && !f.linkTarget().isEmpty() && !f.linkTarget().equals(f.path())
        && u.written.containsKey(f.linkTarget())) {
      Files.createLink(target, u.written.get(f.linkTarget()));
    } else {
      MessageDigest md5 = digest("MD5");
      try (OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
        byte[] buf = new byte[65536];
        InputStream in = data == null ? InputStream.nullInputStream() : data;
        for (int n; (n = in.read(buf)) > 0; ) {
          md5.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      Files.setAttribute(target, "unix:mode", f.mode() & 07777);
      u.written.put(f.path(), target);
      u.md5sums.append(HexFormat.of().formatHex(md5.digest())).append("  ")
          .append(f.path().substring(1)).append('\n');
    }
    if (!isRoot(f.owner()) || !isRoot(f.group())) {
      u.owners.add(List.of(stored, f.owner(), f.group()));
    }
  }

  private static boolean isRoot(String id) {
    return id.equals("root") || id.equals("0");
  }

  /** Creates {@code rel} below {@code root} one component at a time, never through a symlink. */
  static Path mkdirs(Path root, String rel, String pkg) throws IOException {
    Path p = root;
    for (String c : rel.split("/")) {
      if (c.isEmpty() || c.equals(".") || c.equals("..")) {
        throw new LayeringException("package " + pkg + " has path /" + rel
            + " with an empty, '.' or '..' component; the package is unsafe, do not install it");
      }
      p = p.resolve(c);
      if (Files.isSymbolicLink(p)) {
        throw new LayeringException("package " + pkg + " puts files below /" + rel
            + " through its own symlink " + root.relativize(p) + "; the package is unsafe, do not install it");
      }
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(p);
        Files.setAttribute(p, "unix:mode", 0755);
      } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new LayeringException("package " + pkg + " puts files below /" + rel + " but "
            + root.relativize(p) + " is not a directory; the package is broken, do not install it");
      }
    }
    return p;
  }

  private static String control(PackageHeader h) {
    if (h.format() != PackageFormat.DEB) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    h.fields().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    return sb.toString();
  }

  private static List<CachedPackage.ScriptText> scripts(PackageHeader h) {
    List<CachedPackage.ScriptText> l = new ArrayList<>();
    for (Script s : h.scripts()) {
      l.add(new CachedPackage.ScriptText(s.kind().name(), String.join(" ", s.interpreter()), s.body()));
    }
    return l;
  }

  private static List<String> triggers(PackageHeader h) {
    List<String> l = new ArrayList<>();
    for (Trigger t : h.triggers()) {
      l.add(t.kind() + " " + t.target());
    }
    return l;
  }

  /**
   * @param h a package header
   * @param k a relation kind
   * @return its clauses in the text form the package cache and the package database keep
   */
  public static List<String> relations(PackageHeader h, RelationKind k) {
    return h.relations(k).stream().map(Relation::toDebian).toList();
  }

  /**
   * @param h a package header
   * @return its provides as the package cache and the package database keep them
   */
  public static List<String> provides(PackageHeader h) {
    return relations(h, RelationKind.PROVIDES);
  }

  /**
   * @param h a package header
   * @return its requires (Pre-Depends first, then Depends/Requires) as the package cache and the
   *     package database keep them
   */
  public static List<String> requires(PackageHeader h) {
    List<String> l = new ArrayList<>(relations(h, RelationKind.PRE_DEPENDS));
    l.addAll(relations(h, RelationKind.REQUIRES));
    return l;
  }

  static String escapeTmpfiles(String p) {
    StringBuilder sb = new StringBuilder();
    for (char c : p.toCharArray()) {
      if (c <= ' ' || c == '\\' || c > 126) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** @return the hex SHA-256 of a file */
  public static String sha256(Path file) throws IOException {
    MessageDigest d = digest("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest digest(String alg) {
    try {
      return MessageDigest.getInstance(alg);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
