package dev.strata.sysroot;

import dev.strata.store.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel, initramfs and device tree of a deployment tree, found in {@code
 * usr/lib/modules/KVER/} as ostree 2022.7 looks for them, and their bootcsum.
 *
 * @param kver the kernel version (directory name)
 * @param kernel the {@code vmlinuz} file
 * @param initramfs {@code initramfs.img} or {@code initramfs}, or null
 * @param devicetree {@code devicetree}, or null
 * @param bootcsum SHA-256 over kernel, initramfs and devicetree bytes in that order (null if not computed)
 */
record BootImages(String kver, Path kernel, Path initramfs, Path devicetree, String bootcsum) {

  /**
   * Finds the kernel of a deployment tree.
   *
   * @throws IOException when there is none, with ostree's message and a remedy
   */
  static BootImages find(Path tree) throws IOException {
    return find(tree, true);
  }

  /**
   * Finds the kernel of a deployment tree; with {@code hash} false the bootcsum is left null (for
   * deployments whose bootcsum is already known from their boot entry).
   */
  static BootImages find(Path tree, boolean hash) throws IOException {
    Path modules = tree.resolve("usr/lib/modules");
    if (Files.isDirectory(modules)) {
      List<Path> dirs;
      try (Stream<Path> s = Files.list(modules)) {
        dirs = s.sorted().toList();
      }
      for (Path d : dirs) {
        Path vmlinuz = d.resolve("vmlinuz");
        if (!Files.isRegularFile(vmlinuz)) {
          continue;
        }
        Path initramfs = d.resolve("initramfs.img");
        if (!Files.isRegularFile(initramfs)) {
          initramfs = d.resolve("initramfs");
          if (!Files.isRegularFile(initramfs)) {
            initramfs = null;
          }
        }
        Path dt = d.resolve("devicetree");
        if (!Files.isRegularFile(dt)) {
          dt = null;
        }
        return new BootImages(
            d.getFileName().toString(), vmlinuz, initramfs, dt, hash ? bootcsum(vmlinuz, initramfs, dt) : null);
      }
    }
    throw new IOException(
        "Failed to find kernel in /usr/lib/modules, /usr/lib/ostree-boot or /boot of the commit;"
            + " add usr/lib/modules/VERSION/vmlinuz (and initramfs.img) to the tree and commit again");
  }

  private static String bootcsum(Path... files) throws IOException {
    long size = 0;
    for (Path f : files) {
      size += f == null ? 0 : Files.size(f);
    }
    Sha256 md = Sha256.create(size);
    byte[] buf = new byte[1 << 16];
    for (Path f : files) {
      if (f == null) {
        continue;
      }
      try (InputStream in = Files.newInputStream(f)) {
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, n);
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** File name of the kernel under {@code boot/ostree/OS-BOOTCSUM/}. */
  String kernelName() {
    return "vmlinuz-" + kver;
  }

  /** File name of the initramfs under {@code boot/ostree/OS-BOOTCSUM/}. */
  String initramfsName() {
    return "initramfs-" + kver + ".img";
  }

  String devicetreeName() {
    return "devicetree-" + kver;
  }
}
