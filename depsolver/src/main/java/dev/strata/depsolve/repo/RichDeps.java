package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Op;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.version.Evr;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses RPM rich (boolean) dependencies such as {@code (foo >= 1.0 if bar else baz)} and
 * {@code ((a and b) or c)}.
 */
public final class RichDeps {
  private final String s;
  private int i;

  private RichDeps(String s) {
    this.s = s;
  }

  /**
   * Parses a dependency: a rich one when it starts with '(', otherwise a plain name.
   *
   * @param text the dependency text
   * @return the dependency
   * @throws IllegalArgumentException when the text is not a valid rich dependency
   */
  public static Dependency parse(String text) {
    RichDeps p = new RichDeps(text.trim());
    Dependency d = p.term();
    p.ws();
    if (p.i != p.s.length()) {
      throw new IllegalArgumentException("trailing text in rich dependency '" + text + "'");
    }
    return d;
  }

  private void ws() {
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
  }

  private Dependency term() {
    ws();
    if (i < s.length() && s.charAt(i) == '(') {
      i++;
      Dependency first = term();
      List<Dependency> args = new ArrayList<>();
      args.add(first);
      String op = null;
      while (true) {
        ws();
        if (i >= s.length()) {
          throw new IllegalArgumentException("unclosed '(' in rich dependency '" + s + "'");
        }
        if (s.charAt(i) == ')') {
          i++;
          break;
        }
        String word = word();
        if (word.equals("else")) {
          if (!"if".equals(op) && !"unless".equals(op)) {
            throw new IllegalArgumentException("'else' without 'if' in '" + s + "'");
          }
        } else if (op == null) {
          op = word;
        } else if (!op.equals(word)) {
          throw new IllegalArgumentException("mixed '" + op + "' and '" + word
              + "' without parentheses in '" + s + "'");
        }
        args.add(term());
      }
      if (op == null) {
        return first;
      }
      switch (op) {
        case "and": return new BoolDep(BoolDep.Kind.AND, args);
        case "or": return new BoolDep(BoolDep.Kind.OR, args);
        case "if": return new BoolDep(BoolDep.Kind.IF, args);
        case "unless": return new BoolDep(BoolDep.Kind.UNLESS, args);
        case "with": return new BoolDep(BoolDep.Kind.WITH, args);
        case "without": return new BoolDep(BoolDep.Kind.WITHOUT, args);
        default: throw new IllegalArgumentException("unknown operator '" + op + "' in '" + s + "'");
      }
    }
    String name = word();
    ws();
    Op op = Op.ANY;
    int save = i;
    String o = opWord();
    if (o == null) {
      i = save;
      return Relation.of(name);
    }
    switch (o) {
      case "<": op = Op.LT; break;
      case "<=": op = Op.LE; break;
      case "=": op = Op.EQ; break;
      case ">=": op = Op.GE; break;
      case ">": op = Op.GT; break;
      default: throw new IllegalArgumentException("bad operator '" + o + "' in '" + s + "'");
    }
    ws();
    return new Relation(name, op, Evr.parse(word()), null);
  }

  private String opWord() {
    int st = i;
    while (i < s.length() && "<>=".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return i == st ? null : s.substring(st, i);
  }

  private String word() {
    ws();
    int st = i;
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || (c == ')' && depth == 0)) {
        break;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      i++;
    }
    if (st == i) {
      throw new IllegalArgumentException("missing name in rich dependency '" + s + "'");
    }
    return s.substring(st, i);
  }
}
