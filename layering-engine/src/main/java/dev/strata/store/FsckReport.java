package dev.strata.store;

import java.util.List;

/**
 * What {@code fsck} found. Immutable.
 *
 * @param objects objects re-hashed
 * @param commits commits whose trees were walked
 * @param problems every corrupt or missing object, sorted
 */
public record FsckReport(int objects, int commits, List<Problem> problems) {
  /**
   * One problem.
   *
   * @param object the object as {@code CHECKSUM.TYPE} (or a ref name)
   * @param kind "corrupt" or "missing"
   * @param detail what exactly is wrong, and where it is referenced from
   */
  public record Problem(String object, String kind, String detail) {}

  /** Copies the list. */
  public FsckReport {
    problems = List.copyOf(problems);
  }

  /** @return true when nothing is wrong */
  public boolean ok() {
    return problems.isEmpty();
  }
}
