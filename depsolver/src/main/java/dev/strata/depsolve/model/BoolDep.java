package dev.strata.depsolve.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A boolean combination of dependencies: Debian alternatives ({@code a | b}) and RPM rich
 * dependencies ({@code (a and b)}, {@code (a or b)}, {@code (a if b else c)}, {@code (a unless b)},
 * {@code (a with b)}, {@code (a without b)}).
 *
 * @param kind the operator
 * @param args the operands; for IF and UNLESS: then, condition and optionally else
 */
public record BoolDep(Kind kind, List<Dependency> args) implements Dependency {
  /** The boolean operators. */
  public enum Kind {
    /** Any one of the operands. */
    OR,
    /** All of the operands. */
    AND,
    /** {@code then if cond [else other]}. */
    IF,
    /** {@code then unless cond [else other]}. */
    UNLESS,
    /** One package satisfying all operands. */
    WITH,
    /** One package satisfying the first operand but not the second. */
    WITHOUT
  }

  /** Copies the operands. */
  public BoolDep {
    args = List.copyOf(args);
  }

  @Override
  public String text() {
    switch (kind) {
      case OR:
        return args.stream().map(Dependency::text).collect(Collectors.joining(" | "));
      case IF:
      case UNLESS:
        return "(" + args.get(0).text() + " " + kind.name().toLowerCase() + " " + args.get(1).text()
            + (args.size() > 2 ? " else " + args.get(2).text() : "") + ")";
      default:
        return "(" + args.stream().map(Dependency::text)
            .collect(Collectors.joining(" " + kind.name().toLowerCase() + " ")) + ")";
    }
  }

  @Override
  public String toString() {
    return text();
  }
}
