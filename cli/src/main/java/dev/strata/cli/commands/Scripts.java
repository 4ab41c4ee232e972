package dev.strata.cli.commands;

import dev.strata.layering.ScriptPhase;
import dev.strata.layering.scripts.SandboxScriptPhase;

/** The script phase the CLI gives layering transactions: maintainer scripts in bubblewrap. */
final class Scripts {
  private Scripts() {}

  /** @return the sandboxed script runner (also writes dpkg's database for Debian trees) */
  static ScriptPhase phase() {
    return new SandboxScriptPhase();
  }
}
