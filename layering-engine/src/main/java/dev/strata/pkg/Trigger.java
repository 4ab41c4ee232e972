package dev.strata.pkg;

import dev.strata.depsolve.model.Op;
import java.util.List;

/**
 * A trigger. RPM triggers carry a script run when {@code target} changes; Debian triggers are the
 * lines of the {@code triggers} control file ({@code interest}, {@code activate} and their
 * {@code -await}/{@code -noawait} forms) and carry no script.
 *
 * @param kind RPM: {@code triggerprein}, {@code triggerin}, {@code triggerun},
 *     {@code triggerpostun}; Debian: the directive, e.g. {@code interest-noawait}
 * @param target the package name (RPM) or trigger name/path (Debian)
 * @param op the version operator on the target (RPM), {@link Op#ANY} otherwise
 * @param version the version, or ""
 * @param interpreter the interpreter argv (RPM), empty for Debian
 * @param body the script (RPM), "" for Debian
 */
public record Trigger(
    String kind, String target, Op op, String version, List<String> interpreter,
    String body) {
  /** Copies the list. */
  public Trigger {
    interpreter = List.copyOf(interpreter);
  }
}
