package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Op;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.version.Evr;
import java.util.ArrayList;
import java.util.List;

/** Parses Debian relation fields ({@code a (>= 1) | b:any, c}). */
final class DebRelations {
  private final Interner interner;

  DebRelations(Interner interner) {
    this.interner = interner;
  }

  /** Parses a comma-separated field of alternatives. */
  List<Dependency> parseField(String field) {
    return interner.depList(field, this::parseUncached);
  }

  private List<Dependency> parseUncached(String field) {
    List<Dependency> out = new ArrayList<>();
    for (String entry : field.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      if (e.indexOf('|') < 0) {
        out.add(parseRelation(e));
      } else {
        List<Dependency> alts = new ArrayList<>();
        for (String a : e.split("\\|")) {
          if (!a.isBlank()) {
            alts.add(parseRelation(a.trim()));
          }
        }
        out.add(alts.size() == 1 ? alts.get(0) : new BoolDep(BoolDep.Kind.OR, alts));
      }
    }
    return List.copyOf(out);
  }

  /** Parses a Provides field: relations without alternatives. */
  List<Relation> parseProvides(String field) {
    List<Relation> out = new ArrayList<>();
    for (Dependency d : parseField(field)) {
      if (d instanceof Relation r) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  Relation parseRelation(String text) {
    String s = text;
    int bracket = s.indexOf('[');
    if (bracket >= 0) {
      s = s.substring(0, bracket);
    }
    int angle = s.indexOf('<', s.indexOf(')') + 1);
    if (angle >= 0 && s.indexOf('(') < 0) {
      s = s.substring(0, angle);
    }
    String name;
    Op op = Op.ANY;
    Evr evr = null;
    int paren = s.indexOf('(');
    if (paren >= 0) {
      name = s.substring(0, paren).trim();
      int close = s.indexOf(')', paren);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '(' in relation '" + text + "'");
      }
      String inner = s.substring(paren + 1, close).trim();
      int i = 0;
      while (i < inner.length() && "<>=".indexOf(inner.charAt(i)) >= 0) {
        i++;
      }
      String o = inner.substring(0, i);
      switch (o) {
        case "<<": op = Op.LT; break;
        case "<=": case "<": op = Op.LE; break;
        case "=": op = Op.EQ; break;
        case ">=": case ">": op = Op.GE; break;
        case ">>": op = Op.GT; break;
        default: throw new IllegalArgumentException("bad operator '" + o + "' in relation '" + text + "'");
      }
      evr = Evr.parse(inner.substring(i).trim());
    } else {
      name = s.trim();
    }
    String qual = null;
    int colon = name.indexOf(':');
    if (colon >= 0) {
      qual = interner.intern(name.substring(colon + 1));
      name = name.substring(0, colon);
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty package name in relation '" + text + "'");
    }
    return new Relation(interner.intern(name), op, evr, qual);
  }
}
