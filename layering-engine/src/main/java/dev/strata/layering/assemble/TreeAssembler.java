package dev.strata.layering.assemble;

import dev.strata.layering.FileConflictException;
import dev.strata.layering.LayeringException;
import dev.strata.layering.importer.CachedPackage;
import dev.strata.store.Checksum;
import dev.strata.store.DirMeta;
import dev.strata.store.DirTree;
import dev.strata.store.FileHeader;
import dev.strata.store.FileObject;
import dev.strata.store.ObjectType;
import dev.strata.store.Repo;
import dev.strata.store.TreeReader;
import dev.strata.store.Xattr;
import dev.strata.store.checkout.Checkout;
import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the tree of a layered deployment in a staging directory on the repository's file system:
 * the base checked out by hardlinks, then each package commit overlaid by hardlinks. A path may
 * already exist only with identical content; never follows a symlink of the tree. Not thread-safe.
 */
public final class TreeAssembler {
  private static final LinkOption NF = LinkOption.NOFOLLOW_LINKS;
  private final Repo repo;
  private final TreeReader base;
  private final Path root;
  /** Paths added by layered packages: path to (package, checksum). */
  private final Map<String, String[]> added = new HashMap<>();
  private Map<String, String> baseOwners;

  private TreeAssembler(Repo repo, TreeReader base, Path root) {
    this.repo = repo;
    this.base = base;
    this.root = root;
  }

  /**
   * Checks {@code baseCommit} out by hardlinks at {@code root} (which must not exist).
   *
   * @return the assembler for that checkout
   */
  public static TreeAssembler checkoutBase(Repo repo, Checksum baseCommit, Path root) throws IOException {
    Checkout.of(repo, baseCommit).destination(root).call();
    return new TreeAssembler(repo, repo.treeReader(baseCommit), root);
  }

  /**
   * The devino cache for committing a tree assembled from {@code commits} (the base and the
   * package commits): {@code "dev:ino"} of each of their content objects in this (bare)
   * repository, to its checksum. Every file of the tree still hardlinked to an object has one of
   * these inodes. Reads only the repository, so it can run while the tree is assembled.
   */
  public static Map<String, Checksum> objectInodes(Repo repo, List<Checksum> commits) throws IOException {
    Map<String, Checksum> inodes = new HashMap<>();
    Set<Checksum> seenTrees = new HashSet<>();
    Set<Checksum> seenFiles = new HashSet<>();
    for (Checksum c : commits) {
      objectInodes(repo, repo.treeReader(c).root().checksum(), seenTrees, seenFiles, inodes);
    }
    return inodes;
  }

  private static void objectInodes(Repo repo, Checksum tree, Set<Checksum> seenTrees,
      Set<Checksum> seenFiles, Map<String, Checksum> into) throws IOException {
    if (!seenTrees.add(tree)) {
      return;
    }
    DirTree t = repo.readDirTree(tree);
    for (DirTree.FileEntry f : t.files()) {
      if (seenFiles.add(f.checksum())) {
        Map<String, Object> a = Files.readAttributes(repo.objectPath(f.checksum(), ObjectType.FILE),
            "unix:dev,ino", NF);
        into.put(a.get("dev") + ":" + a.get("ino"), f.checksum());
      }
    }
    for (DirTree.DirEntry d : t.dirs()) {
      objectInodes(repo, d.tree(), seenTrees, seenFiles, into);
    }
  }

  /** @return the staging root */
  public Path root() {
    return root;
  }

  /**
   * Adds a package's files.
   *
   * @throws FileConflictException when a path exists with other content or another type
   */
  public void overlay(CachedPackage pkg) throws IOException {
    TreeReader t = repo.treeReader(pkg.commit());
    overlayDir(t, t.root(), root, "", pkg.name());
    applyOwners(pkg);
  }

  private void overlayDir(TreeReader t, TreeReader.Entry dir, Path target, String rel, String pkg)
      throws IOException {
    DirTree tree = repo.readDirTree(dir.checksum());
    for (DirTree.FileEntry f : tree.files()) {
      String path = rel + "/" + f.name();
      Path p = target.resolve(f.name());
      if (Files.exists(p, NF)) {
        String[] earlier = added.get(path);
        Checksum existing = earlier != null ? new Checksum(earlier[1]) : baseChecksum(path);
        if (existing == null || !existing.equals(f.checksum())) {
          throw new FileConflictException(path, earlier != null ? earlier[0] : baseOwner(path), pkg);
        }
        continue;
      }
      linkFile(f.checksum(), p);
      added.put(path, new String[] {pkg, f.checksum().hex()});
    }
    for (DirTree.DirEntry d : tree.dirs()) {
      String path = rel + "/" + d.name();
      Path p = target.resolve(d.name());
      if (!Files.exists(p, NF)) {
        Files.createDirectory(p);
        DirMeta m = repo.readDirMeta(d.meta());
        LinuxFs.lchown(p, m.uid(), m.gid());
        for (Xattr x : m.xattrs()) {
          LinuxFs.setXattr(p, x.name(), x.value());
        }
        Files.setAttribute(p, "unix:mode", m.mode() & 07777);
      } else if (!Files.isDirectory(p, NF)) {
        throw new FileConflictException(path + " (a directory in " + pkg + ")",
            added.containsKey(path) ? added.get(path)[0] : baseOwner(path), pkg);
      }
      overlayDir(t, new TreeReader.Entry(path, d.name(), true, d.tree(), d.meta()), p, path, pkg);
    }
  }

  private Checksum baseChecksum(String path) throws IOException {
    try {
      TreeReader.Entry e = base.lookup(path);
      return e.directory() ? null : e.checksum();
    } catch (IOException e) {
      return null;
    }
  }

  /** Hardlinks a content object (copies empty files, as ostree does). */
  private void linkFile(Checksum c, Path target) throws IOException {
    Path obj = repo.objectPath(c, ObjectType.FILE);
    BasicFileAttributes a = Files.readAttributes(obj, BasicFileAttributes.class, NF);
    if (a.isSymbolicLink() || a.size() > 0) {
      Files.createLink(target, obj);
      return;
    }
    FileObject fo = repo.readFile(c);
    FileHeader h = fo.header();
    Files.createFile(target);
    LinuxFs.lchown(target, h.uid(), h.gid());
    for (Xattr x : h.xattrs()) {
      LinuxFs.setXattr(target, x.name(), x.value());
    }
    Files.setAttribute(target, "unix:mode", h.mode() & 07777);
  }

  /** Gives entries with non-root owners their owner, breaking hardlinks first. */
  private void applyOwners(CachedPackage pkg) throws IOException {
    if (pkg.owners().isEmpty()) {
      return;
    }
    Ids ids = Ids.read(root);
    for (List<String> o : pkg.owners()) {
      Path p = root.resolve(o.get(0));
      int uid = ids.uid(o.get(1), pkg.name());
      int gid = ids.gid(o.get(2), pkg.name());
      if (Files.isDirectory(p, NF)) {
        int mode = (int) Files.getAttribute(p, "unix:mode", NF) & 07777;
        LinuxFs.lchown(p, uid, gid);
        Files.setAttribute(p, "unix:mode", mode);
        continue;
      }
      breakHardlink(p);
      if (Files.isSymbolicLink(p)) {
        LinuxFs.lchown(p, uid, gid);
      } else {
        int mode = (int) Files.getAttribute(p, "unix:mode", NF) & 07777;
        LinuxFs.lchown(p, uid, gid);
        Files.setAttribute(p, "unix:mode", mode);
      }
    }
  }

  /**
   * Replaces a hardlinked file by a private copy (same content, mode, owner, xattrs), so that
   * changing it cannot reach the repository object.
   */
  public static void breakHardlink(Path p) throws IOException {
    Path tmp = p.resolveSibling("." + p.getFileName() + ".strata-copy");
    if (Files.isSymbolicLink(p)) {
      LinuxFs.symlink(Files.readSymbolicLink(p).toString(), tmp);
    } else {
      Files.copy(p, tmp, NF, StandardCopyOption.COPY_ATTRIBUTES);
      int uid = (int) Files.getAttribute(p, "unix:uid", NF);
      int gid = (int) Files.getAttribute(p, "unix:gid", NF);
      int mode = (int) Files.getAttribute(p, "unix:mode", NF) & 07777;
      LinuxFs.lchown(tmp, uid, gid);
      for (String x : LinuxFs.listXattrs(p)) {
        LinuxFs.setXattr(tmp, x, LinuxFs.getXattr(p, x));
      }
      Files.setAttribute(tmp, "unix:mode", mode);
    }
    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The base package owning a path (from dpkg's lists), or "the base". */
  private String baseOwner(String path) throws IOException {
    if (baseOwners == null) {
      baseOwners = new HashMap<>();
      Path info = root.resolve("usr/share/dpkg/database/info");
      if (Files.isDirectory(info, NF)) {
        try (Stream<Path> s = Files.list(info)) {
          for (Path l : s.filter(x -> x.getFileName().toString().endsWith(".list")).toList()) {
            String n = l.getFileName().toString();
            n = n.substring(0, n.length() - ".list".length());
            for (String line : Files.readAllLines(l)) {
              baseOwners.putIfAbsent(line, n);
            }
          }
        }
      }
    }
    String p = path;
    for (String[] m : new String[][] {{"/usr/bin/", "/bin/"}, {"/usr/sbin/", "/sbin/"},
        {"/usr/lib/", "/lib/"}, {"/usr/etc/", "/etc/"}}) {
      if (!baseOwners.containsKey(p) && path.startsWith(m[0])) {
        p = m[1] + path.substring(m[0].length());
      }
    }
    String owner = baseOwners.get(p);
    return owner == null ? "the base" : "base package " + owner;
  }

  /** User and group names of the tree being assembled. */
  private record Ids(Map<String, Integer> users, Map<String, Integer> groups) {
    static Ids read(Path root) throws IOException {
      Map<String, Integer> u = new HashMap<>();
      Map<String, Integer> g = new HashMap<>();
      for (String f : new String[] {"usr/etc/passwd", "usr/lib/passwd"}) {
        parse(root.resolve(f), u);
      }
      for (String f : new String[] {"usr/etc/group", "usr/lib/group"}) {
        parse(root.resolve(f), g);
      }
      return new Ids(u, g);
    }

    private static void parse(Path f, Map<String, Integer> into) throws IOException {
      if (!Files.isRegularFile(f, NF)) {
        return;
      }
      for (String line : Files.readAllLines(f)) {
        String[] p = line.split(":");
        if (p.length > 2 && p[2].matches("[0-9]+")) {
          into.putIfAbsent(p[0], Integer.parseInt(p[2]));
        }
      }
    }

    int uid(String name, String pkg) throws LayeringException {
      return id(name, users, "user", pkg);
    }

    int gid(String name, String pkg) throws LayeringException {
      return id(name, groups, "group", pkg);
    }

    private static int id(String name, Map<String, Integer> m, String what, String pkg)
        throws LayeringException {
      if (name.matches("[0-9]+")) {
        return Integer.parseInt(name);
      }
      Integer i = m.get(name);
      if (i == null) {
        throw new LayeringException("package " + pkg + " owns files by " + what + " '" + name
            + "', which the base does not define; layer a package creating it first or use a base that has it");
      }
      return i;
    }
  }
}
