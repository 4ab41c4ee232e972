package dev.strata.depsolve;

import dev.strata.depsolve.model.Package;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What to install on top of a base tree.
 *
 * @param packages names, optionally {@code name=version}; for RPM trees also capabilities and
 *     file paths such as {@code /usr/bin/foo}
 * @param withRecommends also install recommended packages when they can be installed
 * @param overrides base packages that may be replaced by another version (all others are locked)
 * @param timeLimit how long the optimiser may search; the best plan found by then is returned
 * @param localPackages package files given on the command line (rpm-ostree's and dnf's
 *     {@code @commandline} repository): each is installed as it is, never another version, and
 *     its relations are resolved against the base and the repositories like any other package
 */
public record Request(List<String> packages, boolean withRecommends, Set<String> overrides,
    Duration timeLimit, List<Package> localPackages) {
  /** Copies the collections and checks the request is not empty. */
  public Request {
    packages = List.copyOf(packages);
    overrides = Set.copyOf(overrides);
    localPackages = List.copyOf(localPackages);
    if (packages.isEmpty() && localPackages.isEmpty()) {
      throw new IllegalArgumentException("no packages requested; name at least one package");
    }
  }

  /**
   * A request without local package files.
   *
   * @param packages names to install
   * @param withRecommends also install recommended packages
   * @param overrides base packages that may be replaced
   * @param timeLimit how long the optimiser may search
   */
  public Request(List<String> packages, boolean withRecommends, Set<String> overrides,
      Duration timeLimit) {
    this(packages, withRecommends, overrides, timeLimit, List.of());
  }

  /**
   * A plain request: no recommends, no overrides, a 10 s search limit.
   *
   * @param packages the packages to install
   * @return the request
   */
  public static Request of(String... packages) {
    return new Request(List.of(packages), false, Set.of(), Duration.ofSeconds(10));
  }

  /** @return a copy with recommends switched on or off */
  public Request withRecommends(boolean on) {
    return new Request(packages, on, overrides, timeLimit, localPackages);
  }

  /** @return a copy that lets the named base packages be replaced */
  public Request withOverrides(Set<String> names) {
    return new Request(packages, withRecommends, names, timeLimit, localPackages);
  }
}
