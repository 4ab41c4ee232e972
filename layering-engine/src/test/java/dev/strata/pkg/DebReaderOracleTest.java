package dev.strata.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every control field and every data.tar entry of the real bookworm minbase .debs (plus strace and
 * libunwind8) as {@code dpkg-deb -f} and {@code dpkg-deb -c} print them.
 */
class DebReaderOracleTest {
  private static final DateTimeFormatter TAR_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  static List<Path> realDebs() throws Exception {
    List<Path> debs = new ArrayList<>();
    try (Stream<Path> s = Files.list(DebianArchive.minbase().resolve("var/cache/apt/archives"))) {
      s.filter(p -> p.toString().endsWith(".deb")).sorted().forEach(debs::add);
    }
    debs.addAll(DebianArchive.download("strace", "libunwind8"));
    return debs;
  }

  @Test
  void testEveryMinbaseDeb_fieldsAndFilesEqualDpkgDeb() throws Exception {
    HostTools.require("dpkg-deb");
    List<Path> debs = realDebs();
    assertTrue(debs.size() >= 85, "expected the ~90 minbase debs, found " + debs.size());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (Path deb : debs) {
        jobs.add(pool.submit(() -> {
          compare(deb);
          return null;
        }));
      }
      for (Future<?> j : jobs) {
        j.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void compare(Path deb) throws Exception {
    Package p = PackageArchive.read(deb);
    PackageHeader h = p.header();
    String fields = HostTools.run("dpkg-deb", "-f", deb.toString()).ok().stdout();
    StringBuilder ours = new StringBuilder();
    for (Map.Entry<String, String> f : h.fields().entrySet()) {
      ours.append(f.getKey()).append(": ").append(f.getValue()).append('\n');
    }
    assertEquals(fields, ours.toString(), "control fields of " + deb.getFileName());
    for (String field : List.of("Package", "Version", "Architecture")) {
      String one = HostTools.run("dpkg-deb", "-f", deb.toString(), field).ok().stdout().strip();
      String mine = switch (field) {
        case "Package" -> h.name();
        case "Version" -> h.version().full();
        default -> h.arch();
      };
      assertEquals(one, mine, field + " of " + deb.getFileName());
    }
    String listing = HostTools.run(List.of("dpkg-deb", "-c", deb.toString()), null,
        Map.of("TZ", "UTC"), java.time.Duration.ofMinutes(2)).ok().stdout();
    List<String> expected = new ArrayList<>();
    for (String line : listing.split("\n")) {
      if (!line.isEmpty()) {
        expected.add(normalizeTarLine(line));
      }
    }
    List<String> actual = new ArrayList<>();
    for (PackageFile f : p.files()) {
      actual.add(tarLine(f));
    }
    assertEquals(expected, actual, "file list of " + deb.getFileName());
  }

  /** Collapses the column padding of a {@code tar -tv} line. */
  static String normalizeTarLine(String line) {
    String[] t = line.split(" +", 6);
    return String.join(" ", t);
  }

  /** Formats a file as {@code tar -tv} (dpkg-deb -c) does, with single spaces. */
  static String tarLine(PackageFile f) {
    String mode = f.modeString();
    String name = "." + f.path() + (f.type() == FileType.DIRECTORY && !f.path().equals("/") ? "/" : "");
    String rest = name;
    if (f.type() == FileType.SYMLINK) {
      rest += " -> " + f.linkTarget();
    } else if (!f.linkTarget().isEmpty()) {
      rest += " link to ." + f.linkTarget();
    }
    return mode + " " + f.owner() + "/" + f.group() + " " + f.size() + " "
        + TAR_TIME.format(Instant.ofEpochSecond(f.mtime())) + " " + rest;
  }
}
