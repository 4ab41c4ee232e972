package dev.strata.store;

import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds source trees for store tests and describes trees as comparable listings. */
final class TestTrees {
  private TestTrees() {}

  /** A small tree with every kind of entry the store must keep. */
  static Path sample(Path root) throws IOException {
    Files.createDirectories(root);
    Path usr = Files.createDirectories(root.resolve("usr/bin"));
    write(usr.resolve("hello"), "#!/bin/sh\necho hello\n", 0755);
    write(root.resolve("usr/bin/su"), "setuid binary\n", 04755);
    write(root.resolve("usr/bin/wall"), "setgid binary\n", 02755);
    Files.createDirectories(root.resolve("tmp"));
    Files.setAttribute(root.resolve("tmp"), "unix:mode", 01777);
    Files.createDirectories(root.resolve("empty/dir"));
    write(root.resolve("etc-file"), "config=1\n", 0644);
    Files.createDirectories(root.resolve("etc"));
    write(root.resolve("etc/shadow"), "root:*:\n", 0640);
    Files.setAttribute(root.resolve("etc/shadow"), "unix:gid", 42);
    write(root.resolve("owned"), "owned by 1000\n", 0600);
    LinuxFs.lchown(root.resolve("owned"), 1000, 1001);
    write(root.resolve("zero"), "", 0644);
    LinuxFs.symlink("usr/bin", root.resolve("bin"));
    LinuxFs.symlink("/nonexistent/dangling", root.resolve("dangling"));
    write(root.resolve("with xattrs"), "x\n", 0644);
    LinuxFs.setXattr(root.resolve("with xattrs"), "user.abc", "123".getBytes());
    LinuxFs.setXattr(root.resolve("with xattrs"), "user.foo", "bar".getBytes());
    LinuxFs.setXattr(root.resolve("with xattrs"), "security.capability",
        HexFormat.of().parseHex("0100000200200000000000000000000000000000"));
    LinuxFs.setXattr(root.resolve("with xattrs"), "trusted.t", "tv".getBytes());
    LinuxFs.setXattr(root.resolve("empty"), "user.dirattr", "hello".getBytes());
    write(root.resolve("-leading-dash"), "dash\n", 0644);
    write(root.resolve("ünïcödé ☃"), "utf8\n", 0644);
    write(root.resolve("Zebra"), "upper\n", 0644);
    write(root.resolve("a b c"), "spaces\n", 0644);
    write(root.resolve("big"), "0123456789abcdef".repeat(70_000), 0644);
    Files.createLink(root.resolve("hardlink-to-hello"), root.resolve("usr/bin/hello"));
    Files.setAttribute(root, "unix:mode", 0755);
    return root;
  }

  static void write(Path p, String content, int mode) throws IOException {
    Files.writeString(p, content);
    Files.setAttribute(p, "unix:mode", mode);
  }

  /**
   * One line per entry below {@code root}: path, type, mode, uid, gid, content hash or target, xattrs.
   *
   * @param withXattrs include xattrs (not user.* on symlinks)
   */
  static List<String> listing(Path root, boolean withOwners, boolean withXattrs) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        StringBuilder sb = new StringBuilder("/" + root.relativize(p));
        sb.append(' ').append(Integer.toOctalString(mode));
        if (withOwners) {
          sb.append(' ').append(a.get("uid")).append(':').append(a.get("gid"));
        }
        if (Files.isSymbolicLink(p)) {
          sb.append(" -> ").append(Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          sb.append(' ').append(sha256(Files.readAllBytes(p)));
        }
        if (withXattrs) {
          for (String n : LinuxFs.listXattrs(p)) {
            if (!n.equals("user.ostreemeta")) {
              sb.append(' ').append(n).append('=').append(HexFormat.of().formatHex(LinuxFs.getXattr(p, n)));
            }
          }
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
