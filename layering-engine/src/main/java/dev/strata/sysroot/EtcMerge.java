package dev.strata.sysroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
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
      boolean da = Files.isDirectory(pa, Fs.NOFOLLOW);
      boolean db = Files.isDirectory(pb, Fs.NOFOLLOW);
      if (da && db) {
        diffDirs(pa, pb, r, c);
      } else if (da != db || !sameFile(pa, pb)) {
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

  private static boolean sameFile(Path a, Path b) throws IOException {
    PosixFileAttributes x = Files.readAttributes(a, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes y = Files.readAttributes(b, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (x.isSymbolicLink() != y.isSymbolicLink()
        || x.isRegularFile() != y.isRegularFile()
        || !x.permissions().equals(y.permissions())
        || !x.owner().equals(y.owner())
        || !x.group().equals(y.group())
        || (int) Files.getAttribute(a, "unix:mode", LinkOption.NOFOLLOW_LINKS)
            != (int) Files.getAttribute(b, "unix:mode", LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (x.isSymbolicLink()) {
      return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
    }
    if (x.isRegularFile()) {
      if (x.size() != y.size()) {
        return false;
      }
      if (x.fileKey() != null && x.fileKey().equals(y.fileKey())) {
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
