package dev.strata.cli.commands;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds .deb files for tests, including hostile ones no packaging tool would make (entries are
 * written to data.tar exactly as given). {@code TestDeb.builder("foo").version("1.0-1").file(
 * "./usr/bin/foo", "content", 0755).build(dir)}.
 */
final class TestDeb {
  private final String name;
  private String version = "1.0-1";
  private String arch = "amd64";
  private final List<String> depends = new ArrayList<>();
  private final Map<String, String> scripts = new LinkedHashMap<>();
  private final List<Object[]> entries = new ArrayList<>();

  private TestDeb(String name) {
    this.name = name;
  }

  static TestDeb builder(String name) {
    return new TestDeb(name);
  }

  TestDeb version(String v) {
    version = v;
    return this;
  }

  TestDeb depends(String d) {
    depends.add(d);
    return this;
  }

  /** A maintainer script ({@code postinst}, {@code preinst}...). */
  TestDeb script(String kind, String body) {
    scripts.put(kind, body);
    return this;
  }

  TestDeb dir(String path) {
    entries.add(new Object[] {path, null, 0755, null});
    return this;
  }

  TestDeb file(String path, String content, int mode) {
    return file(path, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  TestDeb file(String path, byte[] content, int mode) {
    entries.add(new Object[] {path, content, mode, null});
    return this;
  }

  TestDeb symlink(String path, String target) {
    entries.add(new Object[] {path, null, 0777, target});
    return this;
  }

  /** Writes NAME_VERSION_ARCH.deb into {@code dir}. */
  Path build(Path dir) throws IOException {
    StringBuilder control = new StringBuilder();
    control.append("Package: ").append(name).append('\n')
        .append("Version: ").append(version).append('\n')
        .append("Architecture: ").append(arch).append('\n')
        .append("Maintainer: Strata Tests <tests@strata.invalid>\n");
    if (!depends.isEmpty()) {
      control.append("Depends: ").append(String.join(", ", depends)).append('\n');
    }
    control.append("Description: test package ").append(name).append('\n');
    ByteArrayOutputStream ctl = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(ctl))) {
      addDir(t, "./");
      addFile(t, "./control", control.toString().getBytes(StandardCharsets.UTF_8), 0644);
      for (Map.Entry<String, String> s : scripts.entrySet()) {
        addFile(t, "./" + s.getKey(), s.getValue().getBytes(StandardCharsets.UTF_8), 0755);
      }
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(data))) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      addDir(t, "./");
      for (Object[] e : entries) {
        String path = (String) e[0];
        if (e[3] != null) {
          TarArchiveEntry te = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
          te.setLinkName((String) e[3]);
          te.setMode(0120777);
          te.setUserName("root");
          te.setGroupName("root");
          t.putArchiveEntry(te);
          t.closeArchiveEntry();
        } else if (e[1] == null) {
          addDir(t, path);
        } else {
          addFile(t, path, (byte[]) e[1], (Integer) e[2]);
        }
      }
    }
    ByteArrayOutputStream ar = new ByteArrayOutputStream();
    ar.write("!<arch>\n".getBytes(StandardCharsets.US_ASCII));
    arMember(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
    arMember(ar, "control.tar.gz", ctl.toByteArray());
    arMember(ar, "data.tar.gz", data.toByteArray());
    Path out = dir.resolve(name + "_" + version.replace(':', '%') + "_" + arch + ".deb");
    Files.createDirectories(dir);
    Files.write(out, ar.toByteArray());
    return out;
  }

  private static void addDir(TarArchiveOutputStream t, String path) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(path.endsWith("/") ? path : path + "/");
    e.setMode(040755);
    e.setUserName("root");
    e.setGroupName("root");
    t.putArchiveEntry(e);
    t.closeArchiveEntry();
  }

  private static void addFile(TarArchiveOutputStream t, String path, byte[] b, int mode)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(path);
    e.setMode(0100000 | mode);
    e.setSize(b.length);
    e.setUserName("root");
    e.setGroupName("root");
    t.putArchiveEntry(e);
    t.write(b);
    t.closeArchiveEntry();
  }

  private static void arMember(ByteArrayOutputStream ar, String name, byte[] data) throws IOException {
    String hdr = String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", name, "0", "0", "0", "100644", data.length);
    ar.write(hdr.getBytes(StandardCharsets.US_ASCII));
    ar.write(data);
    if (data.length % 2 == 1) {
      ar.write('\n');
    }
  }
}
