package dev.strata.sysroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The /etc three-way merge of ostree: the local changes of the merge deployment (its {@code etc}
 * against its {@code usr/etc}) are applied to a new deployment's {@code etc}. Modified and added
 * paths are copied over (the local version wins), removed paths are deleted. Copies keep mode,
 * owner, timestamps and xattrs, and are never hardlinks.
 */
final class EtcMerge {
  /**
   * The changes found.
   *
   * @param modified paths present in both, differing
   * @param removed paths in the defaults but gone locally
   * @param added paths only present locally
   */
  record Changes(List<String> modified, List<String> removed, List<String> added) {
    /** ostree's summary line. */
    String summary() {
      return "Copying /etc changes: "
          + modified.size()
          + " modified, "
          + removed.size()
          + " removed, "
          + added.size()
          + " added";
    }
  }

  private EtcMerge() {}

  /** Diffs {@code orig} (defaults) against {@code local}. */
  static Changes diff(Path orig, Path local) throws IOException {
    Changes c = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    diffDirs(orig, local, "", c);
    return c;
  }

  private static void diffDirs(Path a, Path b, String rel, Changes c) throws IOException {
    Map<String, Path> as = children(a);
    Map<String, Path> bs = children(b);
    for (Map.Entry<String, Path> e : as.entrySet()) {
      String r = rel.isEmpty() ? e.getKey() : rel + "/" + e.getKey();
      Path pb = bs.get(e.getKey());
      if (pb == null) {
        c.removed().add(r);
        continue;
      }
      Path pa = e.getValue();
      Map<String, Object> xa = Files.readAttributes(pa, ATTRS, LinkOption.NOFOLLOW_LINKS);
      Map<String, Object> xb = Files.readAttributes(pb, ATTRS, LinkOption.NOFOLLOW_LINKS);
      boolean da = type(xa) == S_IFDIR;
      boolean db = type(xb) == S_IFDIR;
      if (da && db) {
        diffDirs(pa, pb, r, c);
      } else if (da != db || !sameFile(pa, xa, pb, xb)) {
        c.modified().add(r);
      }
    }
    for (Map.Entry<String, Path> e : bs.entrySet()) {
      if (!as.containsKey(e.getKey())) {
        c.added().add(rel.isEmpty() ? e.getKey() : rel + "/" + e.getKey());
      }
    }
  }

  private static Map<String, Path> children(Path dir) throws IOException {
    Map<String, Path> m = new TreeMap<>();
    if (!Files.isDirectory(dir, Fs.NOFOLLOW)) {
      return m;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> m.put(p.getFileName().toString(), p));
    }
    return m;
  }

  /** What one stat gives for the comparison. */
  private static final String ATTRS = "unix:mode,uid,gid,size,dev,ino";
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;

  private static int type(Map<String, Object> attrs) {
    return (Integer) attrs.get("mode") & S_IFMT;
  }

  /** Same type, mode, owner and group, and the same symlink target or content. */
  private static boolean sameFile(Path a, Map<String, Object> x, Path b, Map<String, Object> y)
      throws IOException {
    if (!x.get("mode").equals(y.get("mode")) || !x.get("uid").equals(y.get("uid"))
        || !x.get("gid").equals(y.get("gid"))) {
      return false;
    }
    if (type(x) == S_IFLNK) {
      return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
    }
    if (type(x) == S_IFREG) {
      if (!x.get("size").equals(y.get("size"))) {
        return false;
      }
      if (x.get("dev").equals(y.get("dev")) && x.get("ino").equals(y.get("ino"))) {
        return true;
      }
      return sameContent(a, b);
    }
    return true;
  }

  private static boolean sameContent(Path a, Path b) throws IOException {
    try (InputStream ia = Files.newInputStream(a);
        InputStream ib = Files.newInputStream(b)) {
      byte[] ba = new byte[65536];
      byte[] bb = new byte[65536];
      while (true) {
        int na = ia.readNBytes(ba, 0, ba.length);
        int nb = ib.readNBytes(bb, 0, bb.length);
        if (na != nb || !Arrays.equals(ba, 0, na, bb, 0, nb)) {
          return false;
        }
        if (na == 0) {
          return true;
        }
      }
    }
  }

  /** Applies the local changes of {@code mergeEtc} (against its defaults) to {@code newEtc}. */
  static Changes apply(Changes c, Path mergeEtc, Path newEtc) throws IOException {
    for (String r : c.removed()) {
      Fs.deleteTree(newEtc.resolve(r));
    }
    for (String r : c.modified()) {
      copyOver(mergeEtc, newEtc, r);
    }
    for (String r : c.added()) {
      copyOver(mergeEtc, newEtc, r);
    }
    return c;
  }

  private static void copyOver(Path fromRoot, Path toRoot, String rel) throws IOException {
    Path src = fromRoot.resolve(rel);
    Path dst = toRoot.resolve(rel);
    ensureParents(fromRoot, toRoot, dst.getParent());
    boolean srcDir = Files.isDirectory(src, Fs.NOFOLLOW);
    if (Files.exists(dst, Fs.NOFOLLOW) && !(srcDir && Files.isDirectory(dst, Fs.NOFOLLOW))) {
      Fs.deleteTree(dst);
    }
    copyTree(src, dst);
  }

  private static void ensureParents(Path fromRoot, Path toRoot, Path dir) throws IOException {
    if (dir.equals(toRoot) || Files.isDirectory(dir, Fs.NOFOLLOW)) {
      return;
    }
    ensureParents(fromRoot, toRoot, dir.getParent());
    Files.deleteIfExists(dir);
    Files.copy(fromRoot.resolve(toRoot.relativize(dir)), dir, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
  }

  /**
   * Copies a tree keeping mode, owner, timestamps and xattrs. Merges into an existing directory.
   * Directory attributes are set after their content so timestamps survive.
   */
  static void copyTree(Path src, Path dst) throws IOException {
    if (Files.isDirectory(src, Fs.NOFOLLOW)) {
      if (!Files.isDirectory(dst, Fs.NOFOLLOW)) {
        Files.copy(src, dst, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
      }
      List<Path> kids;
      try (Stream<Path> s = Files.list(src)) {
        kids = s.toList();
      }
      for (Path k : kids) {
        copyTree(k, dst.resolve(k.getFileName().toString()));
      }
      Files.setLastModifiedTime(dst, Files.getLastModifiedTime(src, LinkOption.NOFOLLOW_LINKS));
    } else {
      Files.copy(
          src,
          dst,
          LinkOption.NOFOLLOW_LINKS,
          StandardCopyOption.COPY_ATTRIBUTES,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
