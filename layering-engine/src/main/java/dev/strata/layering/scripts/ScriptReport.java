package dev.strata.layering.scripts;

import java.time.Duration;
import java.util.List;

/**
 * What a script run did.
 *
 * @param ran the scripts run, in order, e.g. {@code strace postinst configure} or
 *     {@code libc-bin postinst triggered ldconfig}
 * @param changed the tree paths the scripts changed (relative, sorted; directories end in '/')
 * @param elapsed wall time of the whole run
 */
public record ScriptReport(List<String> ran, List<String> changed, Duration elapsed) {
  /** Copies the lists. */
  public ScriptReport {
    ran = List.copyOf(ran);
    changed = List.copyOf(changed);
  }
}
