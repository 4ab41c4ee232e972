package dev.strata.depsolve.repo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a tree's own package source configuration: {@code etc/apt/sources.list},
 * {@code etc/apt/sources.list.d/*.list} and deb822 {@code *.sources} for Debian trees,
 * {@code etc/yum.repos.d/*.repo} for RPM trees. Keyring paths are resolved inside the tree when
 * the tree has them, else on the host.
 */
public final class SourcesConfig {
  private SourcesConfig() {}

  /**
   * Reads every enabled source of a tree.
   *
   * @param root the tree's root directory
   * @return the sources, in configuration order
   * @throws RepositoryException on a malformed line
   */
  public static List<Source> read(Path root) throws IOException {
    List<Source> out = new ArrayList<>();
    Path apt = root.resolve("etc/apt");
    Path main = apt.resolve("sources.list");
    if (Files.isRegularFile(main)) {
      readList(root, main, out);
    }
    for (Path p : sorted(apt.resolve("sources.list.d"))) {
      String n = p.getFileName().toString();
      if (n.endsWith(".list")) {
        readList(root, p, out);
      } else if (n.endsWith(".sources")) {
        readDeb822(root, p, out);
      }
    }
    for (Path p : sorted(root.resolve("etc/yum.repos.d"))) {
      if (p.getFileName().toString().endsWith(".repo")) {
        readRepo(root, p, out);
      }
    }
    return out;
  }

  private static List<Path> sorted(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void readList(Path root, Path file, List<Source> out) throws IOException {
    int n = 0;
    for (String raw : Files.readAllLines(file)) {
      n++;
      String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
      line = line.trim();
      if (line.isEmpty()) {
        continue;
      }
      Map<String, String> opts = new HashMap<>();
      int open = line.indexOf('[');
      if (open >= 0) {
        int close = line.indexOf(']', open);
        if (close < 0) {
          throw new RepositoryException(file + " line " + n + ": unclosed '['; fix the source line");
        }
        for (String o : line.substring(open + 1, close).trim().split("\\s+")) {
          int eq = o.indexOf('=');
          if (eq > 0) {
            opts.put(o.substring(0, eq), o.substring(eq + 1));
          }
        }
        line = (line.substring(0, open) + line.substring(close + 1)).trim();
      }
      String[] f = line.split("\\s+");
      if (f[0].equals("deb-src")) {
        continue;
      }
      if (!f[0].equals("deb") || f.length < 3) {
        throw new RepositoryException(file + " line " + n + ": expected 'deb URI SUITE COMPONENT...';"
            + " fix the source line");
      }
      add(root, file, out, opts, f[1], f[2], Arrays.asList(f).subList(3, f.length));
    }
  }

  private static void readDeb822(Path root, Path file, List<Source> out) throws IOException {
    String text = Files.readString(file);
    for (String para : text.split("\n\\s*\n")) {
      Map<String, String> f = new LinkedHashMap<>();
      String current = null;
      for (String line : para.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (Character.isWhitespace(line.charAt(0)) && current != null) {
          f.put(current, f.get(current) + "\n" + line.trim());
          continue;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
          throw new RepositoryException(file + ": not a 'Field: value' line '" + line
              + "'; fix the source file");
        }
        current = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
        f.put(current, line.substring(colon + 1).trim());
      }
      if (f.isEmpty() || "no".equalsIgnoreCase(f.getOrDefault("enabled", "yes"))) {
        continue;
      }
      if (!Arrays.asList(f.getOrDefault("types", "").split("\\s+")).contains("deb")) {
        continue;
      }
      Map<String, String> opts = new HashMap<>();
      if (f.containsKey("signed-by")) {
        opts.put("signed-by", f.get("signed-by"));
      }
      if (f.containsKey("trusted")) {
        opts.put("trusted", f.get("trusted"));
      }
      if (f.containsKey("check-valid-until")) {
        opts.put("check-valid-until", f.get("check-valid-until"));
      }
      if (f.get("uris") == null || f.get("suites") == null) {
        throw new RepositoryException(file + ": a stanza lacks URIs or Suites; fix the source file");
      }
      for (String uri : f.get("uris").split("\\s+")) {
        for (String suite : f.get("suites").split("\\s+")) {
          add(root, file, out, opts, uri, suite,
              Arrays.asList(f.getOrDefault("components", "").trim().split("\\s+")));
        }
      }
    }
  }

  private static void add(Path root, Path file, List<Source> out, Map<String, String> opts,
      String uri, String suite, List<String> components) throws RepositoryException {
    List<Path> keys = new ArrayList<>();
    String signedBy = opts.get("signed-by");
    if (signedBy != null) {
      if (signedBy.contains("-----BEGIN")) {
        throw new RepositoryException(file + ": inline Signed-By keys are not supported;"
            + " put the key in a keyring file and name it in Signed-By");
      }
      for (String k : signedBy.split("[,\\s]+")) {
        if (!k.isEmpty()) {
          keys.add(hostOrTree(root, k));
        }
      }
    } else {
      keys.addAll(defaultKeyrings(root));
    }
    String base = uri.endsWith("/") ? uri : uri + "/";
    URI u;
    try {
      u = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new RepositoryException(file + ": bad URI '" + uri + "'; fix the source");
    }
    List<String> comps = components.stream().filter(c -> !c.isEmpty()).toList();
    out.add(new Source(base + " " + suite, Source.Kind.DEB, u, suite, comps, keys,
        !"yes".equals(opts.get("trusted")), !"no".equals(opts.get("check-valid-until")), false));
  }

  private static List<Path> defaultKeyrings(Path root) {
    List<Path> keys = new ArrayList<>();
    for (String d : new String[] {"etc/apt/trusted.gpg.d"}) {
      Path dir = root.resolve(d);
      try {
        for (Path p : sorted(dir)) {
          String n = p.getFileName().toString();
          if (n.endsWith(".gpg") || n.endsWith(".asc")) {
            keys.add(p);
          }
        }
      } catch (IOException ignored) {
        // unreadable directory: no keys from it
      }
    }
    Path legacy = root.resolve("etc/apt/trusted.gpg");
    if (Files.isRegularFile(legacy)) {
      keys.add(legacy);
    }
    return keys;
  }

  static Path hostOrTree(Path root, String path) {
    String rel = path.startsWith("/") ? path.substring(1) : path;
    Path inTree = root.resolve(rel);
    return Files.exists(inTree) ? inTree : Path.of(path.startsWith("/") ? path : "/" + path);
  }

  private static void readRepo(Path root, Path file, List<Source> out) throws IOException {
    String id = null;
    Map<String, String> kv = new HashMap<>();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.add("[]");
    for (String raw : lines) {
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        if (id != null && !"0".equals(kv.getOrDefault("enabled", "1"))) {
          String baseurl = kv.get("baseurl");
          if (baseurl == null) {
            throw new RepositoryException(file + ": repository [" + id + "] has no baseurl"
                + " (mirrorlist/metalink are not supported); add a baseurl");
          }
          String first = baseurl.trim().split("[\\s,]+")[0];
          if (!first.endsWith("/")) {
            first = first + "/";
          }
          List<Path> keys = new ArrayList<>();
          for (String k : kv.getOrDefault("gpgkey", "").split("[\\s,]+")) {
            if (k.startsWith("file://")) {
              keys.add(hostOrTree(root, k.substring("file://".length())));
            }
          }
          out.add(new Source(id, Source.Kind.RPM, URI.create(first), null, List.of(), keys,
              "1".equals(kv.getOrDefault("repo_gpgcheck", "0")), false,
              "1".equals(kv.getOrDefault("gpgcheck", "0"))));
        }
        id = line.substring(1, line.length() - 1).trim();
        kv.clear();
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
  }
}
