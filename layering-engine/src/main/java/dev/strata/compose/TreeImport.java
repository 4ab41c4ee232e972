package dev.strata.compose;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Adapts a plain distribution tree to ostree's conventions, in a staging copy made of hardlinks (the
 * source is never modified):
 *
 * <ul>
 *   <li>{@code etc} becomes {@code usr/etc};
 *   <li>dpkg's {@code var/lib/dpkg} moves to {@code usr/share/dpkg/database}, an rpmdb in {@code
 *       var/lib/rpm} to {@code usr/share/rpm}, the old path becoming a tmpfiles.d link;
 *   <li>{@code home, opt, srv, root, mnt, usr/local} become links to {@code var/home, var/opt,
 *       var/srv, var/roothome, var/mnt, var/usrlocal};
 *   <li>the rest of {@code /var} becomes {@code usr/lib/tmpfiles.d/strata-var.conf}: directories as
 *       {@code d}, symlinks as {@code L}, files kept in {@code usr/share/factory/var} and copied by
 *       {@code C} (files in var/cache, var/log and var/lib/apt/lists are dropped: regenerable);
 *   <li>device nodes, fifos and sockets are dropped and counted;
 *   <li>a kernel in {@code boot/vmlinuz-KVER} (with {@code initrd.img-KVER}) moves to {@code
 *       usr/lib/modules/KVER/vmlinuz} and {@code initramfs.img}.
 * </ul>
 */
public final class TreeImport {
  static final String DPKG_DB = "usr/share/dpkg/database";
  static final String RPM_DB = "usr/share/rpm";
  private static final Map<String, String> TO_VAR =
      Map.of("home", "home", "opt", "opt", "srv", "srv", "root", "roothome", "mnt", "mnt", "usr/local", "usrlocal");
  private static final List<String> DROPPED_VAR = List.of("cache", "log", "lib/apt/lists");

  private int devices;
  private int varDropped;
  private final List<String> tmpfiles = new ArrayList<>();

  private TreeImport() {}

  /**
   * Builds the adapted tree at {@code staging} (which must not exist) from {@code source}.
   *
   * @throws IOException when the source is not a directory or holds both etc and usr/etc
   */
  public static ImportReport prepare(Path source, Path staging) throws IOException {
    if (!Files.isDirectory(source)) {
      throw new IOException("tree " + source + " is not a directory; give the root of a distribution tree");
    }
    if (Files.isDirectory(source.resolve("etc"), LinkOption.NOFOLLOW_LINKS)
        && Files.isDirectory(source.resolve("usr/etc"), LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("tree " + source + " has both etc and usr/etc; keep only one of them");
    }
    TreeImport t = new TreeImport();
    t.linkCopy(source, staging);
    return t.transform(staging);
  }

  /** Copies a tree by hardlinks (copies across file systems), dropping special files. */
  private void linkCopy(Path src, Path dst) throws IOException {
    PosixFileAttributes a = Files.readAttributes(src, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isDirectory()) {
      Files.copy(src, dst, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
      List<Path> kids;
      try (Stream<Path> s = Files.list(src)) {
        kids = s.toList();
      }
      for (Path k : kids) {
        linkCopy(k, dst.resolve(k.getFileName().toString()));
      }
    } else if (a.isSymbolicLink()) {
      Files.copy(src, dst, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    } else if (a.isRegularFile()) {
      try {
        Files.createLink(dst, src);
      } catch (IOException e) {
        if (e instanceof FileAlreadyExistsException) {
          throw e;
        }
        Files.copy(src, dst, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
      }
    } else {
      devices++;
    }
  }

  private ImportReport transform(Path t) throws IOException {
    if (Files.isDirectory(t.resolve("etc"), LinkOption.NOFOLLOW_LINKS)) {
      Files.move(t.resolve("etc"), t.resolve("usr/etc"));
    }
    String kernel = moveKernel(t);
    Path var = t.resolve("var");
    if (!Files.isDirectory(var, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(var);
      Files.createDirectory(var);
    }
    String db = null;
    if (Files.isDirectory(var.resolve("lib/dpkg"), LinkOption.NOFOLLOW_LINKS)) {
      db = moveDb(t, "var/lib/dpkg", DPKG_DB);
    }
    if (Files.isDirectory(var.resolve("lib/rpm"), LinkOption.NOFOLLOW_LINKS)) {
      db = moveDb(t, "var/lib/rpm", RPM_DB);
    }
    for (Map.Entry<String, String> e : TO_VAR.entrySet()) {
      Path p = t.resolve(e.getKey());
      Path inVar = var.resolve(e.getValue());
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.exists(inVar, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(inVar);
        }
        Files.move(p, inVar);
      } else {
        Files.deleteIfExists(p);
      }
      String up = e.getKey().contains("/") ? "../var/" : "var/";
      Files.createSymbolicLink(p, Path.of(up + e.getValue()));
    }
    Path factory = t.resolve("usr/share/factory/var");
    varToTmpfiles(var, "/var", factory);
    tmpfiles.addAll(dbLinks);
    Path conf = Files.createDirectories(t.resolve("usr/lib/tmpfiles.d")).resolve("strata-var.conf");
    StringBuilder sb = new StringBuilder("# /var of the imported tree, created at boot (strata compose import)\n");
    tmpfiles.forEach(l -> sb.append(l).append('\n'));
    Files.writeString(conf, sb.toString());
    for (String d : List.of("dev", "proc", "sys", "run", "tmp", "boot", "sysroot")) {
      Path p = t.resolve(d);
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(p);
        Files.createDirectory(p);
      }
    }
    Files.setAttribute(t.resolve("tmp"), "unix:mode", 01777);
    if (!Files.exists(t.resolve("ostree"), LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(t.resolve("ostree"), Path.of("sysroot/ostree"));
    }
    return new ImportReport(devices, varDropped, tmpfiles, db, kernel);
  }

  private final List<String> dbLinks = new ArrayList<>();

  private String moveDb(Path t, String from, String to) throws IOException {
    Path dst = t.resolve(to);
    Files.createDirectories(dst.getParent());
    if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(dst);
    }
    Files.move(t.resolve(from), dst);
    String rel = "../".repeat(from.split("/").length - 1) + to;
    dbLinks.add("L /" + from + " - - - - " + rel);
    return to;
  }

  private String moveKernel(Path t) throws IOException {
    Path modules = t.resolve("usr/lib/modules");
    if (Files.isDirectory(modules)) {
      try (Stream<Path> s = Files.list(modules)) {
        for (Path d : s.sorted().toList()) {
          if (Files.isRegularFile(d.resolve("vmlinuz"))) {
            return d.getFileName().toString();
          }
        }
      }
    }
    Path boot = t.resolve("boot");
    if (!Files.isDirectory(boot, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    List<Path> kernels;
    try (Stream<Path> s = Files.list(boot)) {
      kernels = s.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).sorted().toList();
    }
    if (kernels.isEmpty()) {
      return null;
    }
    Path k = kernels.get(kernels.size() - 1);
    String kver = k.getFileName().toString().substring("vmlinuz-".length());
    Path dir = Files.createDirectories(modules.resolve(kver));
    Files.move(k, dir.resolve("vmlinuz"));
    Path initrd = boot.resolve("initrd.img-" + kver);
    if (Files.isRegularFile(initrd)) {
      Files.move(initrd, dir.resolve("initramfs.img"));
    }
    return kver;
  }

  /** Turns the content of {@code dir} (mounted at {@code path} at run time) into tmpfiles lines. */
  private void varToTmpfiles(Path dir, String path, Path factory) throws IOException {
    List<Path> kids;
    try (Stream<Path> s = Files.list(dir)) {
      kids = s.sorted().toList();
    }
    for (Path k : kids) {
      String name = k.getFileName().toString();
      String p = path + "/" + name;
      PosixFileAttributes a = Files.readAttributes(k, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      int uid = (int) Files.getAttribute(k, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int gid = (int) Files.getAttribute(k, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      int mode = (int) Files.getAttribute(k, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
      if (a.isSymbolicLink()) {
        tmpfiles.add("L " + escape(p) + " - - - - " + escape(Files.readSymbolicLink(k).toString()));
        Files.delete(k);
      } else if (a.isDirectory()) {
        tmpfiles.add(String.format("d %s %04o %d %d - -", escape(p), mode, uid, gid));
        varToTmpfiles(k, p, factory.resolve(name));
        Files.delete(k);
      } else {
        String rel = p.substring("/var/".length());
        if (DROPPED_VAR.stream().anyMatch(d -> rel.startsWith(d + "/"))) {
          varDropped++;
          Files.delete(k);
          continue;
        }
        Files.createDirectories(factory);
        Files.move(k, factory.resolve(name));
        tmpfiles.add("C " + escape(p) + " - - - - /usr/share/factory" + escape(p));
      }
    }
  }

  private static String escape(String p) {
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

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(p)) {
        for (Path k : s.toList()) {
          deleteTree(k);
        }
      }
    }
    Files.deleteIfExists(p);
  }
}
