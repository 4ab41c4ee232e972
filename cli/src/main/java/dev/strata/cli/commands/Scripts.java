package dev.strata.cli.commands;

import dev.strata.layering.ScriptPhase;

/** The script phase the CLI gives layering transactions. */
final class Scripts {
  private Scripts() {}

  /** @return the sandboxed script runner, or null while none is built in */
  static ScriptPhase phase() {
    return null;
  }
}
