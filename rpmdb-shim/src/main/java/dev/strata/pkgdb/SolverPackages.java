package dev.strata.pkgdb;

import dev.strata.depsolve.InstalledPackages;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Op;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.repo.DebIndexReader;
import dev.strata.depsolve.repo.RichDeps;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages of the database as the depsolver sees them: names, versions (rpm or dpkg order by
 * the row's format), provides, requires and, for RPM, the owned files (so that file requires such
 * as {@code /bin/sh} are met). Relations are read as the database stores them: Debian syntax
 * ({@code name (>= 1.0-1)}, alternatives with {@code |}), RPM's {@code name >= 1.0-1}, or an RPM
 * rich dependency in parentheses. The database keeps no conflicts or obsoletes, so none are seen.
 * Stateless.
 */
public final class SolverPackages {
  private static final Pattern DEB_STYLE =
      Pattern.compile("^(\\S+)\\s*\\(\\s*(<<|<=|=|>=|>>|<|>)\\s*(\\S+)\\s*\\)$");
  private static final Pattern RPM_STYLE = Pattern.compile("^(\\S+)\\s+(<|<=|=|>=|>)\\s+(\\S+)$");

  private SolverPackages() {}

  /**
   * The installed set of a tree whose database lists {@code rows}: every one of them is locked
   * while solving. The native architecture is the most common architecture other than
   * {@code noarch}/{@code all}, else the machine's.
   *
   * @param rows the database's packages
   * @return the installed set, repository {@link Package#SYSTEM}
   * @throws IOException when a stored relation or version cannot be parsed
   */
  public static InstalledPackages installed(List<InstalledPackage> rows) throws IOException {
    List<Package> pkgs = new ArrayList<>(rows.size());
    Map<String, Integer> arches = new HashMap<>();
    boolean rpm = false;
    for (InstalledPackage r : rows) {
      pkgs.add(toSolver(r));
      rpm |= r.format() == PackageFormat.RPM;
      if (!r.arch().equals("noarch") && !r.arch().equals("all") && !r.arch().isEmpty()) {
        arches.merge(r.arch(), 1, Integer::sum);
      }
    }
    String os = System.getProperty("os.arch");
    String fallback = rpm ? (os.equals("amd64") ? "x86_64" : os)
        : (os.equals("x86_64") ? "amd64" : os.equals("aarch64") ? "arm64" : os);
    String arch = arches.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey).orElse(fallback);
    return InstalledPackages.of(arch, pkgs);
  }

  /**
   * One row as a solver package of the base (repository {@link Package#SYSTEM}).
   *
   * @param row the database row
   * @return the package
   * @throws IOException when a relation or the version cannot be parsed
   */
  public static Package toSolver(InstalledPackage row) throws IOException {
    return builder(row).repository(Package.SYSTEM).build();
  }

  /**
   * One row as a solver package still to complete (repository, location).
   *
   * @param row the database row, or the same description of a package file
   * @return the builder with version, relations and (RPM) files set
   * @throws IOException when a relation or the version cannot be parsed
   */
  public static Package.Builder builder(InstalledPackage row) throws IOException {
    boolean rpm = row.format() == PackageFormat.RPM;
    String what = row.name() + " " + row.evr();
    try {
      Evr evr = new Evr(row.epoch(), row.version(), row.release().isEmpty() ? null : row.release());
      List<Relation> provides = new ArrayList<>();
      for (Dependency d : relations(row.format(), row.provides())) {
        if (d instanceof Relation rel) {
          provides.add(rel);
        }
      }
      return Package.builder(rpm ? VersionScheme.RPM : VersionScheme.DEB, row.name(), evr, row.arch())
          .requires(relations(row.format(), row.requires())).provides(provides)
          .files(rpm ? row.files() : List.of());
    } catch (IllegalArgumentException e) {
      throw new IOException("the package database entry " + what + " has a relation or version"
          + " that cannot be read (" + e.getMessage() + "); re-import the base", e);
    }
  }

  /**
   * Relations as the database (and the package cache) write them, one clause per string.
   *
   * @param format the packages' format, which decides the syntax and version order
   * @param texts the clauses; RPM's {@code rpmlib(...)} ones are met by rpm itself and left out
   * @return the dependencies
   * @throws IOException when a Debian clause is malformed
   * @throws IllegalArgumentException when an RPM clause or a version is malformed
   */
  public static List<Dependency> relations(PackageFormat format, List<String> texts) throws IOException {
    List<Dependency> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      if (format == PackageFormat.DEB) {
        out.addAll(DebIndexReader.readRelations(t));
      } else if (!t.startsWith("rpmlib(")) {
        out.add(rpmRelation(t));
      }
    }
    return out;
  }

  /** An RPM relation as stored: rich, Debian-spelled ({@code a (>= 1)}), rpm-spelled or bare. */
  static Dependency rpmRelation(String text) {
    String s = text.trim();
    if (s.startsWith("(")) {
      return RichDeps.parse(s);
    }
    for (Pattern style : new Pattern[] {DEB_STYLE, RPM_STYLE}) {
      Matcher m = style.matcher(s);
      if (m.matches()) {
        // both spellings mean < and > strictly here: the database writes Debian's << and >>
        Op op = switch (m.group(2)) {
          case "<" -> Op.LT;
          case ">" -> Op.GT;
          default -> Op.fromDebian(m.group(2));
        };
        return new Relation(m.group(1), op, Evr.parse(m.group(3)), null);
      }
    }
    return Relation.of(s);
  }
}
