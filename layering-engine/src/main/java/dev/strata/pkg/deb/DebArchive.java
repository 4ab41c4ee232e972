package dev.strata.pkg.deb;

import dev.strata.depsolve.model.Op;
import dev.strata.pkg.Compression;
import dev.strata.pkg.EntryChecker;
import dev.strata.pkg.PackageArchive;
import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PackageFormat;
import dev.strata.pkg.PackageFormatException;
import dev.strata.pkg.PackageHeader;
import dev.strata.pkg.PackageVersion;
import dev.strata.pkg.PayloadStream;
import dev.strata.pkg.Script;
import dev.strata.pkg.ScriptKind;
import dev.strata.pkg.Trigger;
import dev.strata.pkg.Relation;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A Debian binary package: {@code ar} with {@code debian-binary}, {@code control.tar[.gz|.xz|.zst|
 * .bz2]} and {@code data.tar[...]}. The header comes from control.tar ({@code control},
 * {@code conffiles}, {@code md5sums}, maintainer scripts, {@code triggers}); the payload is
 * data.tar. Not thread-safe.
 */
public final class DebArchive extends PackageArchive {
  /** Largest control.tar member accepted, in bytes. */
  static final int CONTROL_MEMBER_LIMIT = 64 << 20;

  private static final Map<String, ScriptKind> SCRIPTS = Map.of(
      "preinst", ScriptKind.PRE_INSTALL, "postinst", ScriptKind.POST_INSTALL,
      "prerm", ScriptKind.PRE_REMOVE, "postrm", ScriptKind.POST_REMOVE,
      "config", ScriptKind.CONFIG);
  private static final List<String> SCRIPT_ORDER =
      List.of("preinst", "postinst", "prerm", "postrm", "config");

  private final String pkg;
  private final InputStream file;
  private final ArReader ar;
  private final PackageHeader header;
  private final Map<String, String> md5sums;
  private final Map<String, byte[]> controlMembers;
  private final ArReader.Member data;
  private boolean payloadOpened;

  private DebArchive(String pkg, InputStream file, ArReader ar, PackageHeader header,
      Map<String, String> md5sums, Map<String, byte[]> controlMembers, ArReader.Member data) {
    this.pkg = pkg;
    this.file = file;
    this.ar = ar;
    this.header = header;
    this.md5sums = md5sums;
    this.controlMembers = controlMembers;
    this.data = data;
  }

  /**
   * Opens a .deb and reads its control archive.
   *
   * @param path the .deb file
   * @return the open archive
   * @throws PackageFormatException when it is malformed
   * @throws IOException when it cannot be read
   */
  public static DebArchive open(Path path) throws IOException {
    String pkg = path.getFileName().toString();
    InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    try {
      ArReader ar = new ArReader(in, Files.size(path), pkg);
      ArReader.Member m = ar.next();
      if (m == null || !m.name().equals("debian-binary")) {
        throw PackageFormatException.of("first member is not debian-binary", pkg,
            m == null ? "ar archive" : EntryChecker.printable(m.name()), "give a .deb file");
      }
      byte[] ver = m.data().readNBytes(64);
      if (ver.length < 2 || ver[0] != '2' || ver[1] != '.') {
        throw PackageFormatException.of("unsupported .deb format version", pkg, "debian-binary",
            "give a format 2.x .deb file");
      }
      Map<String, byte[]> control = null;
      ArReader.Member data = null;
      while ((m = ar.next()) != null) {
        if (m.name().startsWith("control.tar")) {
          if (control != null) {
            throw PackageFormatException.of("duplicate entry", pkg, m.name(),
                "the package is corrupt; rebuild it");
          }
          control = readControl(pkg, m);
        } else if (m.name().startsWith("data.tar")) {
          if (control == null) {
            throw PackageFormatException.of("data.tar before control.tar", pkg, m.name(),
                "the package is corrupt; rebuild it");
          }
          data = m;
          break;
        } else if (!m.name().startsWith("_")) {
          throw PackageFormatException.of("unexpected ar member", pkg,
              EntryChecker.printable(m.name()), "the package is corrupt; rebuild it");
        }
      }
      if (control == null || data == null) {
        throw PackageFormatException.of("truncated archive", pkg,
            control == null ? "control.tar" : "data.tar", "the file ends early; download it again");
      }
      compressorOf(pkg, data.name());
      Map<String, String> md5 = parseMd5sums(pkg, control.get("md5sums"));
      PackageHeader header = buildHeader(pkg, control, compressorOf(pkg, data.name()));
      return new DebArchive(pkg, in, ar, header, md5, control, data);
    } catch (PackageFormatException e) {
      in.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw PackageFormatException.of("unreadable archive (" + Compression.oneLine(e) + ")", pkg,
          "ar archive", "the package is corrupt; download it again");
    }
  }

  static String compressorOf(String pkg, String member) throws PackageFormatException {
    String suffix = member.substring(member.indexOf(".tar") + 4);
    return switch (suffix) {
      case "" -> "none";
      case ".gz" -> "gzip";
      case ".xz" -> "xz";
      case ".zst" -> "zstd";
      case ".bz2" -> "bzip2";
      case ".lzma" -> "lzma";
      default -> throw PackageFormatException.of("unknown compressor '"
          + EntryChecker.printable(suffix) + "'", pkg, EntryChecker.printable(member),
          "use a .deb compressed with gzip, xz, zstd or bzip2");
    };
  }

  private static Map<String, byte[]> readControl(String pkg, ArReader.Member m)
      throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    InputStream z = Compression.open(compressorOf(pkg, m.name()),
        new BufferedInputStream(m.data(), 1 << 16), pkg, m.name());
    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(z);
      EntryChecker checker = new EntryChecker(pkg);
      long total = 0;
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        String path = checker.normalize(e.getName());
        if (e.isDirectory()) {
          continue;
        }
        String name = path.substring(1);
        if (!e.isFile() || name.contains("/")) {
          throw PackageFormatException.of("unexpected control member", pkg,
              "control.tar " + EntryChecker.printable(e.getName()), "the package is corrupt; rebuild it");
        }
        if (out.containsKey(name)) {
          throw PackageFormatException.of("duplicate entry", pkg, "control.tar " + name,
              "the package is corrupt; rebuild it");
        }
        byte[] b = tar.readNBytes(CONTROL_MEMBER_LIMIT + 1);
        total += b.length;
        if (b.length > CONTROL_MEMBER_LIMIT || total > CONTROL_MEMBER_LIMIT) {
          throw PackageFormatException.of("control member too large", pkg, "control.tar " + name,
              "the package is corrupt; rebuild it");
        }
        if (b.length != e.getSize()) {
          throw PackageFormatException.of("truncated archive", pkg, "control.tar " + name,
              "the file ends early; download it again");
        }
        out.put(name, b);
      }
    } catch (PackageFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw PackageFormatException.of("bad control.tar (" + Compression.oneLine(e) + ")", pkg,
          m.name(), "the package is corrupt or truncated; download it again");
    } finally {
      z.close();
    }
    if (!out.containsKey("control")) {
      throw PackageFormatException.of("missing control file", pkg, "control.tar",
          "the package is corrupt; rebuild it");
    }
    return out;
  }

  private static Map<String, String> parseMd5sums(String pkg, byte[] b)
      throws PackageFormatException {
    Map<String, String> out = new HashMap<>();
    if (b == null) {
      return out;
    }
    for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int sp = line.indexOf(' ');
      if (sp != 32 || !line.substring(0, 32).matches("[0-9a-fA-F]{32}")) {
        throw PackageFormatException.of("bad md5sums line", pkg,
            "md5sums: " + EntryChecker.printable(line), "the package is corrupt; rebuild it");
      }
      String path = line.substring(sp).strip();
      if (path.startsWith("./")) {
        path = path.substring(2);
      }
      out.put("/" + path.replaceAll("^/+", ""), "md5:" + line.substring(0, 32).toLowerCase());
    }
    return out;
  }

  private static PackageHeader buildHeader(String pkg, Map<String, byte[]> control,
      String compression) throws PackageFormatException {
    Map<String, String> fields =
        ControlFile.parse(new String(control.get("control"), StandardCharsets.UTF_8), pkg);
    for (String f : List.of("Package", "Version", "Architecture")) {
      if (fields.getOrDefault(f, "").isBlank()) {
        throw PackageFormatException.of("missing control field " + f, pkg, "control",
            "the package is corrupt; rebuild it");
      }
    }
    List<Script> scripts = new ArrayList<>();
    for (String s : SCRIPT_ORDER) {
      byte[] b = control.get(s);
      if (b != null) {
        String body = new String(b, StandardCharsets.UTF_8);
        scripts.add(new Script(SCRIPTS.get(s), shebang(body), body));
      }
    }
    List<Trigger> triggers = new ArrayList<>();
    if (control.containsKey("triggers")) {
      for (String line : new String(control.get("triggers"), StandardCharsets.UTF_8).split("\n")) {
        String t = line.replaceAll("#.*", "").strip();
        if (t.isEmpty()) {
          continue;
        }
        String[] p = t.split("\\s+");
        if (p.length != 2) {
          throw PackageFormatException.of("bad triggers line", pkg,
              "triggers: " + EntryChecker.printable(line), "the package is corrupt; rebuild it");
        }
        triggers.add(new Trigger(p[0], p[1], Op.ANY, "", List.of(), ""));
      }
    }
    Set<String> conffiles = new LinkedHashSet<>();
    if (control.containsKey("conffiles")) {
      for (String line : new String(control.get("conffiles"), StandardCharsets.UTF_8).split("\n")) {
        String t = line.strip();
        if (!t.isEmpty()) {
          String p = t.split("\\s+")[0];
          if (!p.startsWith("/")) {
            throw PackageFormatException.of("bad conffiles line", pkg,
                "conffiles: " + EntryChecker.printable(line), "the package is corrupt; rebuild it");
          }
          conffiles.add(p);
        }
      }
    }
    return new PackageHeader(PackageFormat.DEB, fields.get("Package"),
        PackageVersion.parseDebian(fields.get("Version")), fields.get("Architecture"), fields,
        ControlFile.relations(fields, pkg), scripts, triggers, new ArrayList<>(conffiles),
        compression);
  }

  private static List<String> shebang(String body) {
    if (!body.startsWith("#!")) {
      return List.of();
    }
    int nl = body.indexOf('\n');
    String line = (nl < 0 ? body.substring(2) : body.substring(2, nl)).strip();
    return line.isEmpty() ? List.of() : List.of(line.split("\\s+"));
  }

  /**
   * @param name a control.tar member such as {@code shlibs}, {@code symbols} or {@code templates}
   * @return its bytes, or null when absent
   */
  public byte[] controlMember(String name) {
    byte[] b = controlMembers.get(name);
    return b == null ? null : b.clone();
  }

  @Override
  public PackageFormat format() {
    return PackageFormat.DEB;
  }

  @Override
  public PackageHeader header() {
    return header;
  }

  @Override
  public PayloadStream payload() throws IOException {
    if (payloadOpened) {
      throw new IllegalStateException("payload already opened");
    }
    payloadOpened = true;
    InputStream z = Compression.open(header.payloadCompression(),
        new BufferedInputStream(data.data(), 1 << 16), pkg, data.name());
    return new DebPayload(pkg, data.name(), z, md5sums, Set.copyOf(header.conffiles()),
        verifyContent);
  }

  @Override
  protected List<PackageFile> readFiles() throws IOException {
    List<PackageFile> files = super.readFiles();
    Map<String, Integer> groups = new HashMap<>();
    for (PackageFile f : files) {
      if (f.hardlinkGroup() != 0 && !f.linkTarget().isEmpty()) {
        groups.put(f.linkTarget(), f.hardlinkGroup());
      }
    }
    if (groups.isEmpty()) {
      return files;
    }
    List<PackageFile> out = new ArrayList<>(files.size());
    for (PackageFile f : files) {
      Integer g = groups.get(f.path());
      out.add(g == null ? f : new PackageFile(f.path(), f.type(), f.mode(), f.owner(), f.group(),
          f.size(), f.digest(), f.linkTarget(), g, f.config(), f.mtime()));
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
