package dev.strata.pkgdb.rpm;

import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Reads the installed packages of an RPM tree from the tree's own rpmdb, with the {@code rpm}
 * program (which reads every backend: sqlite, ndb, Berkeley DB). The database directory is copied
 * to a private temporary directory first, so that rpm's lock and journal files never appear in
 * the tree being imported. Stateless.
 */
public final class RpmDatabase {
  /** Where trees keep the rpmdb: the current location, then where {@code compose import} moves
   * {@code var/lib/rpm}, then the old location. */
  public static final List<String> LOCATIONS = List.of("usr/lib/sysimage/rpm", "usr/share/rpm",
      "var/lib/rpm");

  private static final String FORMAT = "@@%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\n"
      + "[P\\t%{PROVIDENEVRS}\\n][R\\t%{REQUIRENEVRS}\\n][F\\t%{FILENAMES}\\n]";

  private RpmDatabase() {}

  /**
   * The rpmdb directory of a tree.
   *
   * @param tree the tree's root
   * @return the first of {@link #LOCATIONS} that holds a database ({@code rpmdb.sqlite},
   *     {@code Packages} or {@code Packages.db}), not following symlinks
   */
  public static Optional<Path> find(Path tree) {
    for (String l : LOCATIONS) {
      Path d = tree.resolve(l);
      for (String f : new String[] {"rpmdb.sqlite", "Packages", "Packages.db"}) {
        if (Files.isRegularFile(d.resolve(f), LinkOption.NOFOLLOW_LINKS)
            && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Reads every installed package (the {@code gpg-pubkey} pseudo-packages left out).
   *
   * @param dbDir the rpmdb directory
   * @return the packages, with provides and requires as rpm writes them ({@code name >= 1.0-1},
   *     rich dependencies in parentheses) and their files
   * @throws IOException when rpm is missing or cannot read the database
   */
  public static List<InstalledPackage> read(Path dbDir) throws IOException {
    Path copy = Files.createTempDirectory("strata-rpmdb-");
    try {
      try (Stream<Path> s = Files.list(dbDir)) {
        for (Path f : s.toList()) {
          if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(f, copy.resolve(f.getFileName()));
          }
        }
      }
      return parse(query(copy, dbDir), dbDir);
    } finally {
      try (Stream<Path> s = Files.list(copy)) { // flat: the copied files and rpm's own
        for (Path f : s.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(copy);
    }
  }

  private static String query(Path db, Path what) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("rpm", "--dbpath", db.toString(), "-qa", "--qf", FORMAT);
    pb.environment().put("LC_ALL", "C");
    Path err = db.resolve(".stderr");
    pb.redirectError(err.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("reading the rpmdb " + what + " needs the rpm program, which cannot be"
          + " started (" + e.getMessage() + "); install rpm (apt-get install rpm)", e);
    }
    p.getOutputStream().close();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = p.getInputStream()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      int rc = p.waitFor();
      byte[] b = out.join();
      if (rc != 0) {
        String msg = Files.readString(err).lines().findFirst().orElse("exit status " + rc);
        throw new IOException("rpm cannot read the rpmdb " + what + ": " + msg
            + "; check that the database is complete and that this rpm supports its format");
      }
      return new String(b, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the rpmdb " + what, e);
    }
  }

  static List<InstalledPackage> parse(String text, Path what) throws IOException {
    List<InstalledPackage> out = new ArrayList<>();
    String[] head = null;
    List<String> prov = new ArrayList<>();
    List<String> req = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<String> lines = new ArrayList<>(text.lines().toList());
    lines.add("@@");
    for (String line : lines) {
      if (line.startsWith("@@")) {
        if (head != null && !head[0].equals("gpg-pubkey")) {
          out.add(new InstalledPackage(PackageFormat.RPM, head[0], Integer.parseInt(head[1]), head[2],
              head[3], head[4], prov, req, files));
        }
        head = line.length() > 2 ? line.substring(2).split("\t", -1) : null;
        if (head != null && (head.length != 5 || !head[1].matches("[0-9]+"))) {
          throw new IOException("rpm printed an unexpected package line '" + line + "' for the rpmdb "
              + what + "; check the rpm program");
        }
        prov = new ArrayList<>();
        req = new ArrayList<>();
        files = new ArrayList<>();
      } else if (line.startsWith("P\t")) {
        prov.add(line.substring(2));
      } else if (line.startsWith("R\t")) {
        req.add(line.substring(2));
      } else if (line.startsWith("F\t")) {
        files.add(line.substring(2));
      }
    }
    return out;
  }
}
