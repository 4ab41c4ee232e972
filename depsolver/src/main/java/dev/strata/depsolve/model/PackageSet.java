package dev.strata.depsolve.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packages of one repository, looked up by name or by provided name. An implementation may
 * decode packages only when they are first looked up; it then returns the same {@link Package}
 * object every time. Lists are in the repository's own order. Thread-safe.
 */
public interface PackageSet {
  /** @return the packages named {@code name} */
  List<Package> named(String name);

  /** @return the packages that list {@code name} in Provides, each once */
  List<Package> providing(String name);

  /** @return every package (an implementation that decodes lazily decodes them all) */
  List<Package> all();

  /**
   * @return false when no package of the set lists files (Debian indexes), so that file-path
   *     lookups need not decode them all
   */
  default boolean listsFiles() {
    return true;
  }

  /**
   * @param packages the packages, in repository order
   * @return a set over the given packages
   */
  static PackageSet of(List<Package> packages) {
    List<Package> all = List.copyOf(packages);
    Map<String, List<Package>> byName = new HashMap<>();
    Map<String, List<Package>> byProvide = new HashMap<>();
    for (Package p : all) {
      byName.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p);
      for (Relation r : p.provides()) {
        List<Package> l = byProvide.computeIfAbsent(r.name(), k -> new ArrayList<>(1));
        if (l.isEmpty() || l.get(l.size() - 1) != p) {
          l.add(p);
        }
      }
    }
    return new PackageSet() {
      @Override
      public List<Package> named(String name) {
        return byName.getOrDefault(name, List.of());
      }

      @Override
      public List<Package> providing(String name) {
        return byProvide.getOrDefault(name, List.of());
      }

      @Override
      public List<Package> all() {
        return all;
      }
    };
  }
}
