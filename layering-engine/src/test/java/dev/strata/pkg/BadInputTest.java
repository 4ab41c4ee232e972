package dev.strata.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken packages end in one {@link PackageFormatException} whose one-line message
 * names the package and the entry, and reading them writes nothing.
 */
class BadInputTest {
  @TempDir static Path shared;
  @TempDir Path tmp;
  static byte[] goodRpm;

  @BeforeAll
  static void buildRpm() throws Exception {
    goodRpm = Files.readAllBytes(TestRpms.rpmbuild(shared, "w9.gzdio"));
  }

  /** Reads the package completely and returns the error, checking its shape. */
  private String rejected(Path pkg, String what, String entry) throws Exception {
    List<String> before = listing(pkg.getParent());
    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> PackageArchive.read(pkg));
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.startsWith(what), m);
    assertTrue(m.contains(" in " + pkg.getFileName() + ": "), m);
    assertTrue(m.contains(entry), m);
    assertTrue(m.indexOf("; ") > m.indexOf(entry), m);
    assertEquals(before, listing(pkg.getParent()), "reading wrote nothing");
    return m;
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> p + ":" + p.toFile().length()).sorted().toList();
    }
  }

  private Path deb(Crafted.Deb d) throws Exception {
    return d.write(tmp, "bad_1.0_all.deb");
  }

  private Crafted.Deb base() {
    return new Crafted.Deb().dir("./").dir("./usr/").dir("./usr/bin/");
  }

  @Test
  void testDeb_pathTraversal() throws Exception {
    rejected(deb(base().file("./usr/../../etc/passwd", "x")), "path traversal",
        "./usr/../../etc/passwd");
  }

  @Test
  void testDeb_absolutePath() throws Exception {
    rejected(deb(base().file("/etc/passwd", "x")), "absolute path", "/etc/passwd");
  }

  @Test
  void testDeb_entryUnderSymlinkedDirectory() throws Exception {
    rejected(deb(base().symlink("./usr/lib", "/etc").file("./usr/lib/passwd", "x")),
        "entry under a symlinked directory", "/usr/lib/passwd");
  }

  @Test
  void testDeb_symlinkOutsideRoot() throws Exception {
    rejected(deb(base().symlink("./usr/bin/evil", "../../../etc/shadow")),
        "symlink leading outside the root", "/usr/bin/evil -> ../../../etc/shadow");
  }

  @Test
  void testDeb_deviceNode() throws Exception {
    rejected(deb(base().special("./usr/bin/null", TarConstants.LF_CHR)), "device node or fifo",
        "/usr/bin/null");
  }

  @Test
  void testDeb_fifo() throws Exception {
    rejected(deb(base().special("./usr/bin/pipe", TarConstants.LF_FIFO)), "device node or fifo",
        "/usr/bin/pipe");
  }

  @Test
  void testDeb_duplicateEntry() throws Exception {
    rejected(deb(base().file("./usr/bin/foo", "a").file("./usr/bin/foo", "b")), "duplicate entry",
        "/usr/bin/foo");
  }

  @Test
  void testDeb_hardlinkToMissingFile() throws Exception {
    rejected(deb(base().hardlink("./usr/bin/foo", "./usr/bin/nothere")),
        "hardlink to a missing or non-regular file", "/usr/bin/foo");
  }

  @Test
  void testDeb_digestDiffersFromMd5sums() throws Exception {
    String m = rejected(deb(base().file("./usr/bin/foo", "hello\n")
            .md5sums("00000000000000000000000000000000  usr/bin/foo\n")),
        "digest differs from the header", "/usr/bin/foo");
    assertTrue(m.contains("b1946ac92492d2347c6235b4d2611184"), m);
  }

  @Test
  void testDeb_truncated() throws Exception {
    byte[] b = base().file("./usr/bin/foo", "x".repeat(5000)).dataMember("data.tar").bytes();
    Path p = Files.write(tmp.resolve("cut_1.0_all.deb"), Arrays.copyOf(b, b.length - 3000));
    rejected(p, "member size", "data.tar");
  }

  @Test
  void testDeb_truncatedInsideTar() throws Exception {
    byte[] b = base().file("./usr/bin/foo", "x".repeat(5000)).dataMember("data.tar").bytes();
    // shrink the ar size field to match, so the tar itself is cut short
    byte[] cut = Arrays.copyOf(b, b.length - 3000);
    String text = new String(cut, StandardCharsets.ISO_8859_1);
    int hdr = text.lastIndexOf("data.tar");
    long size = Long.parseLong(text.substring(hdr + 48, hdr + 58).trim()) - 3000;
    byte[] field = String.format("%-10d", size).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, cut, hdr + 48, 10);
    Path p = Files.write(tmp.resolve("cut_1.0_all.deb"), cut);
    rejected(p, "bad archive data (Truncated TAR archive)", "/usr/bin/foo");
  }

  @Test
  void testDeb_memberSizeLargerThanFile() throws Exception {
    byte[] b = base().bytes();
    String text = new String(b, StandardCharsets.ISO_8859_1);
    int hdr = text.indexOf("control.tar.gz");
    System.arraycopy("9999999999".getBytes(StandardCharsets.US_ASCII), 0, b, hdr + 48, 10);
    rejected(Files.write(tmp.resolve("big_1.0_all.deb"), b), "member size 9999999999 larger than the file",
        "control.tar.gz");
  }

  @Test
  void testDeb_unknownCompressor() throws Exception {
    rejected(deb(base().dataMember("data.tar.lz4")), "unknown compressor '.lz4'", "data.tar.lz4");
  }

  // ---- RPM: byte surgery on a real rpmbuild package, keeping the header digests valid ----

  private Path rpm(byte[] b) throws Exception {
    return Files.write(tmp.resolve("strata-test-1.2-3.noarch.rpm"), b);
  }

  private static void replaceInHeader(byte[] rpm, int tag, String from, String to) throws Exception {
    Crafted.RpmLayout l = Crafted.RpmLayout.of(rpm);
    int at = l.headerData(rpm, tag);
    String store = new String(rpm, StandardCharsets.ISO_8859_1);
    int i = store.indexOf(from + "\0", at);
    assertTrue(i >= 0 && i < l.hdrEnd(), "tag " + tag + " holds " + from);
    System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, rpm, i, to.length());
    l.fixHeaderDigests(rpm);
  }

  private static void setInt(byte[] rpm, int tag, int index, int value, int width) throws Exception {
    Crafted.RpmLayout l = Crafted.RpmLayout.of(rpm);
    int at = l.headerData(rpm, tag) + index * width;
    if (width == 4) {
      ByteBuffer.wrap(rpm).putInt(at, value);
    } else {
      ByteBuffer.wrap(rpm).putShort(at, (short) value);
    }
    l.fixHeaderDigests(rpm);
  }

  @Test
  void testRpm_pathTraversal() throws Exception {
    byte[] b = goodRpm.clone();
    replaceInHeader(b, 1118, "/usr/bin/", "/../bin/");
    rejected(rpm(b), "path traversal", "../bin/");
  }

  @Test
  void testRpm_duplicateEntry() throws Exception {
    byte[] b = goodRpm.clone();
    Crafted.RpmLayout l = Crafted.RpmLayout.of(b);
    int at = l.headerData(b, 1117);
    String store = new String(b, StandardCharsets.ISO_8859_1);
    int i = store.indexOf("\0b\0", at);
    b[i + 1] = 'a';
    l.fixHeaderDigests(b);
    rejected(rpm(b), "duplicate entry", "/usr/share/strata/a");
  }

  @Test
  void testRpm_symlinkOutsideRoot() throws Exception {
    byte[] b = goodRpm.clone();
    replaceInHeader(b, 1036, "strata-hello", "../../../..");
    rejected(rpm(b), "symlink leading outside the root", "/usr/bin/strata-link -> ../../../..");
  }

  @Test
  void testRpm_deviceNode() throws Exception {
    byte[] b = goodRpm.clone();
    setInt(b, 1030, 0, 020644, 2);
    rejected(rpm(b), "device node or fifo", "/etc/strata.conf");
  }

  @Test
  void testRpm_fifo() throws Exception {
    byte[] b = goodRpm.clone();
    setInt(b, 1030, 0, 010644, 2);
    rejected(rpm(b), "device node or fifo", "/etc/strata.conf");
  }

  @Test
  void testRpm_sizeDiffersFromHeader() throws Exception {
    byte[] b = goodRpm.clone();
    setInt(b, 1028, 0, 6, 4);
    rejected(rpm(b), "size differs from the header (6)", "/etc/strata.conf");
  }

  @Test
  void testRpm_digestDiffersFromHeader() throws Exception {
    byte[] b = goodRpm.clone();
    Crafted.RpmLayout l = Crafted.RpmLayout.of(b);
    int at = l.headerData(b, 1035);
    b[at] = (byte) (b[at] == '0' ? '1' : '0');
    l.fixHeaderDigests(b);
    rejected(rpm(b), "digest differs from the header", "/etc/strata.conf");
  }

  @Test
  void testRpm_headerEditedWithoutDigest() throws Exception {
    byte[] b = goodRpm.clone();
    Crafted.RpmLayout l = Crafted.RpmLayout.of(b);
    b[l.headerData(b, 1004)] ^= 1;
    rejected(rpm(b), "header digest differs from the signature header", "header");
  }

  @Test
  void testRpm_truncated() throws Exception {
    rejected(rpm(Arrays.copyOf(goodRpm, goodRpm.length - 2000)), "truncated archive",
        "header+payload");
  }

  @Test
  void testRpm_truncatedInHeader() throws Exception {
    Crafted.RpmLayout l = Crafted.RpmLayout.of(goodRpm);
    rejected(rpm(Arrays.copyOf(goodRpm, l.hdrStore() + 10)), "header counts larger than the file",
        "header");
  }

  @Test
  void testRpm_headerCountLargerThanFile() throws Exception {
    byte[] b = goodRpm.clone();
    Crafted.RpmLayout l = Crafted.RpmLayout.of(b);
    ByteBuffer.wrap(b).putInt(l.hdrStart() + 8, 60000);
    rejected(rpm(b), "header counts larger than the file (60000 entries", "header");
  }

  @Test
  void testRpm_entryCountLargerThanStore() throws Exception {
    byte[] b = goodRpm.clone();
    Crafted.RpmLayout l = Crafted.RpmLayout.of(b);
    int e = l.headerIndexEntry(b, 1028);
    ByteBuffer.wrap(b).putInt(e + 12, 0x7fffffff);
    l.fixHeaderDigests(b);
    rejected(rpm(b), "header counts larger than the file (count 2147483647", "header tag 1028");
  }

  @Test
  void testRpm_unknownCompressor() throws Exception {
    byte[] b = goodRpm.clone();
    replaceInHeader(b, 1125, "gzip", "lzip");
    rejected(rpm(b), "unknown compressor 'lzip'", "PAYLOADCOMPRESSOR");
  }

  @Test
  void testNeither_rejected() throws Exception {
    Path p = Files.writeString(tmp.resolve("notes.txt"), "hello");
    rejected(p, "not an RPM or .deb package", "file header");
  }
}
