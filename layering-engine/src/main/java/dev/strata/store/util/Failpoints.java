package dev.strata.store.util;

import java.util.Set;

/**
 * Named crash points for tests: when the environment variable {@code STRATA_FAILPOINTS} lists a
 * name (comma-separated), {@link #hit(String)} halts the JVM at once with status 137, as a kill
 * would, without running shutdown hooks or flushing anything. Thread-safe.
 */
public final class Failpoints {
  /** The environment variable that switches failpoints on. */
  public static final String ENV = "STRATA_FAILPOINTS";

  private static final Set<String> ACTIVE = parse(System.getenv(ENV));

  private Failpoints() {}

  static Set<String> parse(String env) {
    if (env == null || env.isBlank()) {
      return Set.of();
    }
    return Set.of(java.util.Arrays.stream(env.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).distinct().toArray(String[]::new));
  }

  /**
   * Halts the process when {@code name} is switched on.
   *
   * @param name the failpoint name, e.g. {@code commit-before-ref}
   */
  public static void hit(String name) {
    if (!ACTIVE.isEmpty() && ACTIVE.contains(name)) {
      System.err.println("failpoint " + name + ": halting");
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
  }

  /** @return true when {@code name} is switched on */
  public static boolean isActive(String name) {
    return ACTIVE.contains(name);
  }
}
