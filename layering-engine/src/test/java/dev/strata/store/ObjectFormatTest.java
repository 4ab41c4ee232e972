package dev.strata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-level checks against objects the real ostree wrote (reference examples). */
class ObjectFormatTest {
  private static String contentChecksum(FileHeader h, String content) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(h.checksumPrefix());
    md.update(content.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  void testFileChecksum_helloTxt() throws Exception {
    FileHeader h = new FileHeader(0, 0, 0100644, "", List.of());
    assertEquals("81381808c56d4f3d643ec12f6a18fcf2993af8daba7c2a1b2cbfc315b39424c6",
        contentChecksum(h, "hello world\n"));
  }

  @Test
  void testFileChecksum_symlink() throws Exception {
    FileHeader h = new FileHeader(0, 0, 0120777, "hello.txt", List.of());
    assertEquals("f66efa496a72379413c44593de510dc344beb045294f1a543da87b2b6118db35", contentChecksum(h, ""));
  }

  @Test
  void testFileChecksum_xattrsSortedByStrcmp() throws Exception {
    FileHeader h = new FileHeader(0, 0, 0100644, "",
        List.of(new Xattr("user.foo", "bar".getBytes()), new Xattr("user.abc", "123".getBytes())));
    assertEquals("319d6963922804b372cd6b3e2c4a016a2e58b59275fd6d02caf4eb5f05dfc3e6",
        contentChecksum(h, "xattr file\n"));
  }

  @Test
  void testDirMeta_checksums() {
    assertEquals("446a0ef11b7cc167f3b603e585c7eeeeb675faa412d5ec73f62988eb0b6c5488",
        new DirMeta(0, 0, 040755, List.of()).checksum().hex());
    assertEquals("5580a378", new DirMeta(1000, 1001, 040700,
        List.of(new Xattr("user.dirattr", "hello".getBytes()))).checksum().hex().substring(0, 8));
  }

  @Test
  void testDirTree_emptyAndStrcmpOrder() {
    assertEquals(DirTree.EMPTY_CHECKSUM, new DirTree(List.of(), List.of()).checksum());
    Checksum c = DirTree.EMPTY_CHECKSUM;
    DirTree t = new DirTree(List.of(new DirTree.FileEntry("ü", c), new DirTree.FileEntry("Z", c),
        new DirTree.FileEntry("-a", c), new DirTree.FileEntry("a", c)), List.of());
    assertEquals(List.of("-a", "Z", "a", "ü"), t.files().stream().map(DirTree.FileEntry::name).toList());
    assertEquals(t, DirTree.parse(t.toBytes()));
  }

  @Test
  void testDirTreeParse_agreesWithGenericDecoderAndRejectsMalformed() {
    Checksum c = DirMeta.parse(new DirMeta(0, 0, 040755, List.of()).toBytes()).checksum();
    java.util.List<DirTree.FileEntry> files = new java.util.ArrayList<>();
    java.util.List<DirTree.DirEntry> dirs = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      files.add(new DirTree.FileEntry("file-" + i, c));
      dirs.add(new DirTree.DirEntry("dir-" + i, DirTree.EMPTY_CHECKSUM, c));
    }
    for (DirTree t : List.of(new DirTree(files, dirs), new DirTree(files.subList(0, 3), List.of()),
        new DirTree(List.of(), dirs.subList(0, 2)))) {
      byte[] b = t.toBytes();
      List<?> generic = (List<?>) dev.strata.store.gvariant.GVariant.decode("(a(say)a(sayay))", b);
      DirTree parsed = DirTree.parse(b);
      assertEquals(t, parsed);
      assertEquals(((List<?>) generic.get(0)).size(), parsed.files().size());
      assertEquals(((List<?>) generic.get(1)).size(), parsed.dirs().size());
      byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DirTree.parse(cut));
    }
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DirTree.parse(new byte[0]));
    byte[] slash = new DirTree(List.of(new DirTree.FileEntry("a_b", c)), List.of()).toBytes();
    slash[1] = '/';
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DirTree.parse(slash));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new DirTree(List.of(new DirTree.FileEntry("x", c)), List.of(new DirTree.DirEntry("x", c, c))));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new DirTree(List.of(new DirTree.FileEntry("x", c), new DirTree.FileEntry("x", c)), List.of()));
  }

  @Test
  void testArchiveHeader_helloTxt() {
    FileHeader h = new FileHeader(0, 0, 0100644, "", List.of());
    assertEquals("0000001a00000000000000000000000c00000000000000000000" + "81a4000000000019",
        HexFormat.of().formatHex(h.archiveHeader(12)));
  }
}
