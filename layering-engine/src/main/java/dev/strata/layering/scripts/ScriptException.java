package dev.strata.layering.scripts;

import java.io.IOException;

/**
 * A maintainer script failed (non-zero exit, timeout) or cannot run (lua). The message is one
 * line: {@code <script> of <package> failed ... (output: <last lines>); <what to do>}; the whole
 * captured output is in {@link #output()}.
 */
public class ScriptException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String packageName;
  private final String script;
  private final String output;

  /**
   * @param message the one-line message
   * @param packageName the package
   * @param script the script, e.g. {@code postinst} or {@code %post}
   * @param output everything captured
   */
  public ScriptException(String message, String packageName, String script, String output) {
    super(message);
    this.packageName = packageName;
    this.script = script;
    this.output = output;
  }

  /** @return the package whose script failed */
  public String packageName() {
    return packageName;
  }

  /** @return the script ({@code preinst}, {@code postinst}, {@code %post}...) */
  public String script() {
    return script;
  }

  /** @return the captured output (tail) */
  public String output() {
    return output;
  }
}
