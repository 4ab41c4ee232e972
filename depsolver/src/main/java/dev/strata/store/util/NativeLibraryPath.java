package dev.strata.store.util;

import java.io.File;

/**
 * Tells JNA where the system's libraries are before it first loads one. Unless {@code
 * jna.platform.library.path} is set, JNA's first use runs {@code /sbin/ldconfig -p} in a child
 * process to find them; for the libraries Strata loads (libc, libcrypto, liblzma) the multiarch
 * and plain library directories suffice. Every class that binds a library through JNA calls
 * {@link #set()} first. (In the depsolver module, the lowest one, so that all modules reach it.)
 */
public final class NativeLibraryPath {
  private NativeLibraryPath() {}

  /** Sets {@code jna.platform.library.path} unless it is set already. */
  public static void set() {
    if (System.getProperty("jna.platform.library.path") != null) {
      return;
    }
    String arch = System.getProperty("os.arch");
    String triplet = switch (arch) {
      case "amd64", "x86_64" -> "x86_64-linux-gnu";
      case "aarch64" -> "aarch64-linux-gnu";
      default -> arch + "-linux-gnu";
    };
    StringBuilder path = new StringBuilder();
    for (String d : new String[] {"/usr/lib/" + triplet, "/lib/" + triplet, "/usr/lib64", "/lib64", "/usr/lib", "/lib"}) {
      if (new File(d).isDirectory()) {
        path.append(path.length() == 0 ? "" : File.pathSeparator).append(d);
      }
    }
    System.setProperty("jna.platform.library.path", path.toString());
  }
}
