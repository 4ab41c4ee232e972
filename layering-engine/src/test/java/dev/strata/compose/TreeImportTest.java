package dev.strata.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeImportTest {
  @TempDir Path tmp;

  /** A tiny distribution-like tree: etc, var with a dpkg database, root's home, a device node, a kernel in /boot. */
  private Path distroTree() throws IOException {
    Path t = tmp.resolve("tree");
    Files.createDirectories(t.resolve("etc"));
    Files.writeString(t.resolve("etc/hostname"), "debian\n");
    Files.createDirectories(t.resolve("var/lib/dpkg/info"));
    Files.writeString(t.resolve("var/lib/dpkg/status"), "Package: base-files\n");
    Files.createDirectories(t.resolve("var/cache/apt"));
    Files.writeString(t.resolve("var/cache/apt/pkgcache.bin"), "cache");
    Files.createDirectories(t.resolve("var/lib/misc"));
    Files.writeString(t.resolve("var/lib/misc/state"), "kept");
    Files.createSymbolicLink(t.resolve("var/run"), Path.of("/run"));
    Files.createDirectories(t.resolve("root"));
    Files.writeString(t.resolve("root/.profile"), "PS1=x\n");
    Files.createDirectories(t.resolve("usr/local/bin"));
    Files.createDirectories(t.resolve("home"));
    Files.createDirectories(t.resolve("dev"));
    HostTools.run("mknod", t.resolve("dev/null").toString(), "c", "1", "3").ok();
    Files.createDirectories(t.resolve("boot"));
    Files.writeString(t.resolve("boot/vmlinuz-6.1.0-1-amd64"), "KERNEL");
    Files.writeString(t.resolve("boot/initrd.img-6.1.0-1-amd64"), "INITRD");
    return t;
  }

  @Test
  void testPrepare_followsOstreeConventions() throws IOException {
    Path src = distroTree();
    Path out = tmp.resolve("out");
    ImportReport r = TreeImport.prepare(src, out);

    assertEquals(1, r.devicesDropped());
    assertEquals(1, r.varFilesDropped());
    assertEquals("6.1.0-1-amd64", r.kernel());
    assertEquals("KERNEL", Files.readString(out.resolve("usr/lib/modules/6.1.0-1-amd64/vmlinuz")));
    assertEquals("INITRD", Files.readString(out.resolve("usr/lib/modules/6.1.0-1-amd64/initramfs.img")));
    assertEquals("debian\n", Files.readString(out.resolve("usr/etc/hostname")));
    assertFalse(Files.exists(out.resolve("etc")));
    assertEquals("Package: base-files\n", Files.readString(out.resolve("usr/share/dpkg/database/status")));
    assertEquals("var/roothome", Files.readSymbolicLink(out.resolve("root")).toString());
    assertEquals("var/home", Files.readSymbolicLink(out.resolve("home")).toString());
    assertEquals("../var/usrlocal", Files.readSymbolicLink(out.resolve("usr/local")).toString());
    assertEquals("sysroot/ostree", Files.readSymbolicLink(out.resolve("ostree")).toString());
    try (var s = Files.list(out.resolve("var"))) {
      assertEquals(0, s.count(), "var is empty in the commit");
    }
    List<String> lines = Files.readAllLines(out.resolve("usr/lib/tmpfiles.d/strata-var.conf"));
    assertTrue(lines.contains("L /var/lib/dpkg - - - - ../../usr/share/dpkg/database"), lines.toString());
    assertTrue(lines.contains("L /var/run - - - - /run"), lines.toString());
    assertTrue(lines.contains("d /var/roothome 0755 0 0 - -"), lines.toString());
    assertTrue(lines.contains("C /var/roothome/.profile - - - - /usr/share/factory/var/roothome/.profile"), lines.toString());
    assertTrue(lines.contains("C /var/lib/misc/state - - - - /usr/share/factory/var/lib/misc/state"), lines.toString());
    assertEquals("kept", Files.readString(out.resolve("usr/share/factory/var/lib/misc/state")));
    assertTrue(lines.stream().noneMatch(l -> l.contains("pkgcache")), "caches are dropped");

    assertTrue(Files.exists(src.resolve("etc/hostname")), "the source is not modified");
    assertTrue(Files.exists(src.resolve("var/lib/dpkg/status")));
    assertTrue(Files.exists(src.resolve("boot/vmlinuz-6.1.0-1-amd64")));
  }

  @Test
  void testPrepare_bothEtcAndUsrEtc_refused() throws IOException {
    Path src = distroTree();
    Files.createDirectories(src.resolve("usr/etc"));
    IOException e = assertThrows(IOException.class, () -> TreeImport.prepare(src, tmp.resolve("out")));
    assertTrue(e.getMessage().contains("both etc and usr/etc"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")));
  }
}
