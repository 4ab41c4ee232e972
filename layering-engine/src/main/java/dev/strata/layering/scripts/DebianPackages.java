package dev.strata.layering.scripts;

import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PayloadEntry;
import dev.strata.pkg.PayloadStream;
import dev.strata.pkg.deb.DebArchive;
import dev.strata.pkgdb.dpkg.DpkgPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what dpkg's database keeps of a .deb, and finds a tree's dpkg admin directory. */
public final class DebianPackages {
  /** dpkg's admin directory in an imported (ostree-style) tree. */
  public static final String IMPORTED_ADMIN_DIR = "usr/share/dpkg/database";
  /** dpkg's admin directory in a plain tree. */
  public static final String PLAIN_ADMIN_DIR = "var/lib/dpkg";

  private static final List<String> MEMBERS = List.of("preinst", "postinst", "prerm", "postrm",
      "config", "templates", "triggers", "shlibs", "symbols", "md5sums", "conffiles");

  private DebianPackages() {}

  /**
   * @param root a Debian tree
   * @return the admin directory relative to the root: {@value #IMPORTED_ADMIN_DIR} when it is a
   *     real directory there, else {@value #PLAIN_ADMIN_DIR}
   * @throws IOException when the tree has neither
   */
  public static String adminDir(Path root) throws IOException {
    for (String d : List.of(IMPORTED_ADMIN_DIR, PLAIN_ADMIN_DIR)) {
      if (Files.isRegularFile(root.resolve(d).resolve("status"), LinkOption.NOFOLLOW_LINKS)
          && Files.isDirectory(root.resolve(d), LinkOption.NOFOLLOW_LINKS)) {
        return d;
      }
    }
    throw new IOException("tree " + root + " has no dpkg database (" + IMPORTED_ADMIN_DIR
        + " or " + PLAIN_ADMIN_DIR + "); layer .deb packages only onto Debian trees");
  }

  /**
   * Reads a .deb: control fields, control members, the data archive's paths in order and the
   * MD5 of every regular file (hardlinks take their target's).
   *
   * @param deb the .deb file
   * @return the package as dpkg records it
   * @throws IOException when it cannot be read or is malformed
   */
  public static DpkgPackage read(Path deb) throws IOException {
    try (DebArchive a = DebArchive.open(deb)) {
      Map<String, byte[]> members = new LinkedHashMap<>();
      for (String m : MEMBERS) {
        byte[] b = a.controlMember(m);
        if (b != null) {
          members.put(m, b);
        }
      }
      List<String> paths = new ArrayList<>();
      Map<String, String> md5 = new HashMap<>();
      MessageDigest md = md5();
      try (PayloadStream p = a.payload()) {
        for (PayloadEntry e; (e = p.next()) != null; ) {
          PackageFile f = e.file();
          paths.add(f.path());
          if (f.type() == dev.strata.pkg.FileType.REGULAR) {
            if (f.hardlinkGroup() != 0 && !f.linkTarget().isEmpty()) {
              md5.put(f.path(), md5.get(f.linkTarget()));
            } else {
              md.reset();
              byte[] buf = new byte[65536];
              try (InputStream in = e.data()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                  md.update(buf, 0, n);
                }
              }
              md5.put(f.path(), HexFormat.of().formatHex(md.digest()));
            }
          }
        }
      }
      return new DpkgPackage(a.header().fields(), paths, members, md5);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
