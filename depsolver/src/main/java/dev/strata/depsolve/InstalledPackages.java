package dev.strata.depsolve;

import dev.strata.depsolve.model.Package;
import java.util.List;

/**
 * The packages of a base tree, as its package database lists them. Every one of them is locked
 * while solving unless an override names it.
 *
 * <p>Debian trees use {@link DpkgStatus}; RPM trees get an implementation from the rpmdb-shim
 * module. Build packages with {@link Package#builder} ({@code repository} {@link Package#SYSTEM},
 * with provides, requires and files). Implementations must be safe to call from any thread.
 */
public interface InstalledPackages {
  /** @return every installed package */
  List<Package> packages();

  /**
   * The native architecture of the tree ({@code amd64}, {@code x86_64}, ...).
   *
   * @return the architecture the tree's package manager installs by default
   */
  String nativeArch();

  /**
   * A fixed list, for tests and for callers that already hold the packages.
   *
   * @param nativeArch the tree's architecture
   * @param packages the installed packages
   * @return the list as an {@code InstalledPackages}
   */
  static InstalledPackages of(String nativeArch, List<Package> packages) {
    List<Package> copy = List.copyOf(packages);
    return new InstalledPackages() {
      @Override
      public List<Package> packages() {
        return copy;
      }

      @Override
      public String nativeArch() {
        return nativeArch;
      }
    };
  }
}
