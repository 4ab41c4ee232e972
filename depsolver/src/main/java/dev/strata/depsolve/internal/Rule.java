package dev.strata.depsolve.internal;

import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Package;

/**
 * Why a clause exists, for explanations.
 *
 * @param kind the kind of relation
 * @param pkg the package the relation belongs to (null for a request)
 * @param dep the relation, or null
 * @param other the other package (conflicts, same name), or null
 * @param request the request text for REQUEST rules
 */
record Rule(Kind kind, Package pkg, Dependency dep, Package other, String request) {
  enum Kind { REQUEST, REQUIRES, CONFLICTS, OBSOLETES, ONE_VERSION, LOCKED }

  String describe() {
    switch (kind) {
      case REQUEST:
        return "the request for " + request;
      case REQUIRES:
        return pkg.name() + " " + pkg.evr() + " requires " + dep.text();
      case CONFLICTS:
        return pkg.name() + " " + pkg.evr() + " conflicts with " + other.name() + " " + other.evr()
            + " (" + dep.text() + ")";
      case OBSOLETES:
        return pkg.name() + " " + pkg.evr() + " obsoletes " + other.name() + " " + other.evr();
      case ONE_VERSION:
        return "only one of " + pkg.name() + " " + pkg.evr() + " and " + other.name() + " "
            + other.evr() + " can be installed";
      default:
        return pkg.name() + " " + pkg.evr() + " would replace the locked base package "
            + other.name() + " " + other.evr();
    }
  }
}
