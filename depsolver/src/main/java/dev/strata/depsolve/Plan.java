package dev.strata.depsolve;

import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.version.Evr;
import java.util.List;

/**
 * The outcome of a solve: the packages to add on top of the base, each with the reason it is
 * there, and the requests the base already satisfies. Immutable.
 *
 * @param install the packages to add, requested ones first, then in dependency order
 * @param alreadyInstalled requests the base satisfies as it is
 * @param replaced base packages an override replaces (empty without overrides)
 * @param optimal false when the time limit stopped the optimiser (the plan is valid but maybe
 *     not the smallest)
 */
public record Plan(List<Item> install, List<Satisfied> alreadyInstalled, List<Package> replaced,
    boolean optimal) {

  /** Copies the lists. */
  public Plan {
    install = List.copyOf(install);
    alreadyInstalled = List.copyOf(alreadyInstalled);
    replaced = List.copyOf(replaced);
  }

  /**
   * One package to add.
   *
   * @param pkg the package (location, size and checksum for fetching it)
   * @param requested true when the user asked for it
   * @param neededBy the package whose relation pulls it in, or null when requested
   * @param relation that relation, as written in the package, or null when requested
   */
  public record Item(Package pkg, boolean requested, Package neededBy, String relation) {
    /** @return the name */
    public String name() {
      return pkg.name();
    }

    /** @return the version */
    public Evr evr() {
      return pkg.evr();
    }

    /** @return the architecture */
    public String arch() {
      return pkg.arch();
    }

    /** @return the repository id */
    public String repository() {
      return pkg.repository();
    }

    /** @return "requested", "needed by NAME (RELATION)" or "replaces base NAME VERSION (override)" */
    public String reason() {
      if (requested) {
        return "requested";
      }
      if (neededBy == null) {
        return relation == null ? "needed" : relation;
      }
      return "needed by " + neededBy.name() + " (" + relation + ")";
    }
  }

  /**
   * A request the base already satisfies.
   *
   * @param request the request as given
   * @param pkg the base package satisfying it
   */
  public record Satisfied(String request, Package pkg) {}

  /** @return the names of the packages to add */
  public List<String> names() {
    return install.stream().map(Item::name).toList();
  }
}
