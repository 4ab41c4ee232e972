package dev.strata.sandbox;

import dev.strata.store.util.AtomicFiles;
import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A kernel overlayfs copy-up layer over a tree whose files may be hardlinks into a repository: the
 * sandbox mounts {@code lowerdir=<skeleton>:<extra lowers>:<tree>} with an upper dir in a scratch
 * directory, so a write to any file of the tree is copied up by the kernel and never reaches the
 * shared inode. Afterwards {@link #applyTo(Path)} moves the changes into the tree by rename: changed
 * files become new inodes, whiteouts delete, opaque directories replace.
 *
 * <p>The overlay is mounted with {@code redirect_dir=off,metacopy=off,index=off,xino=off}, so the
 * upper dir holds only whole copied-up files, plain directories, 0/0 character-device whiteouts and
 * {@code trusted.overlay.opaque} markers. Not thread-safe; one program at a time may use a layer.
 */
public final class CopyUpLayer implements AutoCloseable {
  private static final String OVERLAY_XATTR = "trusted.overlay.";
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;

  private final Path tree;
  private final Path scratch;
  private final List<Path> extraLowers = new ArrayList<>();

  private CopyUpLayer(Path tree, Path scratch) {
    this.tree = tree;
    this.scratch = scratch;
  }

  /**
   * Creates the scratch directories ({@code upper}, {@code work}, {@code merged}, {@code skel}).
   *
   * @param tree the tree the overlay protects
   * @param scratch a directory that does not exist yet, on the tree's file system
   * @return the layer
   * @throws IOException when the scratch dir exists or is on another file system
   */
  public static CopyUpLayer create(Path tree, Path scratch) throws IOException {
    if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
      throw new SandboxException("tree " + tree + " is not a directory; give an existing tree");
    }
    Files.createDirectory(scratch);
    CopyUpLayer l = new CopyUpLayer(tree.toAbsolutePath(), scratch.toAbsolutePath());
    try {
      if (!Files.readAttributes(scratch, "unix:dev").get("dev")
          .equals(Files.readAttributes(tree, "unix:dev").get("dev"))) {
        throw new SandboxException("scratch dir " + scratch + " is not on the file system of "
            + tree + "; put the scratch dir next to the tree");
      }
      for (Path p : List.of(scratch, tree)) {
        String s = p.toAbsolutePath().toString();
        if (s.contains(",") || s.contains(":") || s.contains("\\")) {
          throw new SandboxException("path " + s + " contains ',', ':' or '\\', which overlayfs "
              + "options cannot carry; use a path without them");
        }
      }
      for (String d : List.of("upper", "work", "merged", "skel")) {
        Files.createDirectory(scratch.resolve(d));
      }
    } catch (IOException e) {
      AtomicFiles.deleteTree(scratch);
      throw e;
    }
    return l;
  }

  /** @return the tree the overlay protects (its lowest layer) */
  public Path tree() {
    return tree;
  }

  /** @return the upper dir: everything the programs changed */
  public Path upperDir() {
    return scratch.resolve("upper");
  }

  /** @return overlayfs' work dir */
  public Path workDir() {
    return scratch.resolve("work");
  }

  /** @return the mount point of the merged view (mounted only inside the sandbox's namespace) */
  public Path mergedDir() {
    return scratch.resolve("merged");
  }

  /**
   * @return the top lower layer, empty at first: put mount points and files that must be seen
   *     but never land in the tree here (see {@link #skeletonDir(String)})
   */
  public Path skeleton() {
    return scratch.resolve("skel");
  }

  /**
   * Adds a lower layer between the skeleton and the tree (seen above the tree).
   *
   * @param dir a directory on any file system
   */
  public void addLower(Path dir) {
    extraLowers.add(dir.toAbsolutePath());
  }

  /**
   * Creates a directory in the skeleton, its missing parents taking the mode and owner of the
   * tree's directory at the same path (so the merged view's metadata does not change).
   *
   * @param relative e.g. {@code var/lib/dpkg}
   * @return the skeleton directory
   * @throws IOException when it cannot be created
   */
  public Path skeletonDir(String relative) throws IOException {
    Path cur = skeleton();
    Path inTree = tree;
    for (String part : relative.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      cur = cur.resolve(part);
      inTree = inTree == null ? null : inTree.resolve(part);
      if (!Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(cur);
        if (inTree != null && Files.isDirectory(inTree, LinkOption.NOFOLLOW_LINKS)) {
          int mode = (Integer) Files.getAttribute(inTree, "unix:mode", LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(cur, "unix:mode", mode & 07777);
          LinuxFs.lchown(cur, (Integer) Files.getAttribute(inTree, "unix:uid",
              LinkOption.NOFOLLOW_LINKS), (Integer) Files.getAttribute(inTree, "unix:gid",
              LinkOption.NOFOLLOW_LINKS));
        } else {
          inTree = null;
        }
      }
    }
    return cur;
  }

  /** @return the overlayfs mount options */
  public String mountOptions() {
    List<String> lowers = new ArrayList<>();
    lowers.add(skeleton().toString());
    extraLowers.forEach(p -> lowers.add(p.toString()));
    lowers.add(tree.toString());
    return "lowerdir=" + String.join(":", lowers) + ",upperdir=" + upperDir() + ",workdir="
        + workDir() + ",redirect_dir=off,metacopy=off,index=off,xino=off";
  }

  /** @return true when no program changed anything */
  public boolean isEmpty() throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(upperDir())) {
      return !s.iterator().hasNext();
    }
  }

  /**
   * Moves the upper dir's changes into the tree: each changed or new file, symlink or new
   * directory is renamed into place (replacing, never writing through, the tree's entry), each
   * whiteout deletes its path, each opaque directory replaces the tree's directory, and changed
   * directory modes and owners are copied. Afterwards the upper dir is empty.
   *
   * @param target the tree (normally {@link #tree()})
   * @return the changed paths relative to the tree, sorted
   * @throws IOException when a change cannot be applied
   */
  public List<String> applyTo(Path target) throws IOException {
    List<String> changed = new ArrayList<>();
    applyDir(upperDir(), target, "", changed);
    changed.sort(null);
    AtomicFiles.deleteTree(workDir());
    Files.createDirectory(workDir());
    return changed;
  }

  /** Drops everything the programs changed, keeping the layer usable. */
  public void discard() throws IOException {
    for (String d : List.of("upper", "work")) {
      AtomicFiles.deleteTree(scratch.resolve(d));
      Files.createDirectory(scratch.resolve(d));
    }
  }

  private void applyDir(Path upper, Path target, String rel, List<String> changed)
      throws IOException {
    Path[] entries;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(upper)) {
      List<Path> l = new ArrayList<>();
      s.forEach(l::add);
      entries = l.toArray(new Path[0]);
    }
    Arrays.sort(entries);
    for (Path e : entries) {
      String name = e.getFileName().toString();
      String r = rel.isEmpty() ? name : rel + "/" + name;
      Path t = target.resolve(name);
      boolean targetExists = Files.exists(t, LinkOption.NOFOLLOW_LINKS);
      if (isWhiteout(e)) {
        if (targetExists) {
          AtomicFiles.deleteTree(t);
          changed.add(r);
        }
        Files.delete(e);
      } else if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
        boolean opaque = isOpaque(e);
        if (!opaque && Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
          if (copyDirMeta(e, t)) {
            changed.add(r + "/");
          }
          applyDir(e, t, r, changed);
          Files.delete(e);
        } else {
          cleanNewTree(e);
          if (targetExists) {
            AtomicFiles.deleteTree(t);
          }
          Files.move(e, t, StandardCopyOption.ATOMIC_MOVE);
          changed.add(r + "/");
        }
      } else {
        stripOverlayXattrs(e);
        if (targetExists && Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
          AtomicFiles.deleteTree(t);
        }
        Files.move(e, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        changed.add(r);
      }
    }
  }

  /** Removes whiteouts and overlay xattrs from a directory that moves into the tree whole. */
  private static void cleanNewTree(Path dir) throws IOException {
    stripOverlayXattrs(dir);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path e : s) {
        if (isWhiteout(e)) {
          Files.delete(e);
        } else if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
          cleanNewTree(e);
        } else {
          stripOverlayXattrs(e);
        }
      }
    }
  }

  private static boolean copyDirMeta(Path from, Path to) throws IOException {
    int fm = (Integer) Files.getAttribute(from, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    int tm = (Integer) Files.getAttribute(to, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    int fu = (Integer) Files.getAttribute(from, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int fg = (Integer) Files.getAttribute(from, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    int tu = (Integer) Files.getAttribute(to, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int tg = (Integer) Files.getAttribute(to, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    boolean changed = false;
    if (fu != tu || fg != tg) {
      LinuxFs.lchown(to, fu, fg);
      changed = true;
    }
    if (fm != tm || changed) {
      Files.setAttribute(to, "unix:mode", fm);
      changed |= fm != tm;
    }
    return changed;
  }

  private static boolean isWhiteout(Path p) throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return (mode & S_IFMT) == S_IFCHR
        && ((Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS)) == 0L;
  }

  private static boolean isOpaque(Path dir) throws IOException {
    for (String x : LinuxFs.listXattrs(dir)) {
      if (x.equals("trusted.overlay.opaque")) {
        byte[] v = LinuxFs.getXattr(dir, x);
        return v.length > 0 && v[0] == 'y';
      }
    }
    return false;
  }

  private static void stripOverlayXattrs(Path p) throws IOException {
    for (String x : LinuxFs.listXattrs(p)) {
      if (x.startsWith(OVERLAY_XATTR)) {
        LinuxFs.removeXattr(p, x);
      }
    }
  }

  /** Deletes the scratch directory and everything in it. */
  @Override
  public void close() throws IOException {
    AtomicFiles.deleteTree(scratch);
  }
}
