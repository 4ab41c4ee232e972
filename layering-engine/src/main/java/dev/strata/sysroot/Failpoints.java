package dev.strata.sysroot;

import java.util.Set;

/**
 * Named crash points for tests: when the {@code STRATA_FAILPOINTS} environment variable (a
 * comma-separated list) names a point, the process halts there at once, as a power cut would.
 */
final class Failpoints {
  private static final Set<String> ACTIVE = parse(System.getenv("STRATA_FAILPOINTS"));

  private Failpoints() {}

  private static Set<String> parse(String v) {
    if (v == null || v.isBlank()) {
      return Set.of();
    }
    return Set.of(v.strip().split("\\s*,\\s*"));
  }

  /** Halts the JVM with status 99 if {@code name} is switched on. */
  static void hit(String name) {
    if (ACTIVE.contains(name)) {
      System.err.println("failpoint " + name + " hit");
      System.err.flush();
      Runtime.getRuntime().halt(99);
    }
  }
}
