package dev.strata.pkg;

import java.util.List;

/**
 * A maintainer script.
 *
 * @param kind when it runs
 * @param interpreter the interpreter argv (RPM: the PROG tag, e.g. {@code [/bin/sh]} or
 *     {@code [<lua>]}; Debian: from the {@code #!} line, empty if none)
 * @param body the script text
 */
public record Script(ScriptKind kind, List<String> interpreter, String body) {
  /** Copies the list. */
  public Script {
    interpreter = List.copyOf(interpreter);
  }
}
