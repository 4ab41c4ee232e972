package dev.strata.sysroot;

import java.util.List;

/**
 * What a sysroot holds at one moment: the current bootversion and subbootversion, the deployments
 * in boot order, and the booted one (null when the sysroot is not booted). Immutable.
 *
 * @param bootversion 0 or 1, the digit of {@code boot/loader -> loader.N}
 * @param subbootversion 0 or 1, the digit of {@code ostree/boot.B -> boot.B.S}
 * @param deployments the deployments, index 0 = default
 * @param booted the booted deployment, or null
 */
public record SysrootState(
    int bootversion, int subbootversion, List<Deployment> deployments, Deployment booted) {
  /** Copies the list. */
  public SysrootState {
    deployments = List.copyOf(deployments);
  }

  /**
   * The deployment whose /etc a new deployment of {@code osname} inherits: the booted one if it has
   * that stateroot, else the first deployment of that stateroot, else null.
   */
  public Deployment mergeDeployment(String osname) {
    if (booted != null && booted.osname().equals(osname)) {
      return booted;
    }
    return deployments.stream().filter(d -> d.osname().equals(osname)).findFirst().orElse(null);
  }

  /**
   * The deployment that stands for "the running system" when finding pending and rollback ones:
   * the booted deployment, or on a sysroot that is not booted, the default one.
   */
  public Deployment current() {
    if (booted != null) {
      return booted;
    }
    return deployments.isEmpty() ? null : deployments.get(0);
  }

  /** The deployment queued ahead of the current one (a pending deployment), or null. */
  public Deployment pending() {
    Deployment cur = current();
    if (cur == null || booted == null) {
      return null;
    }
    for (Deployment d : deployments) {
      if (d.sameAs(cur)) {
        return null;
      }
      if (d.osname().equals(cur.osname())) {
        return d;
      }
    }
    return null;
  }

  /** The first deployment of the current stateroot after the current one (the rollback), or null. */
  public Deployment rollback() {
    Deployment cur = current();
    if (cur == null) {
      return null;
    }
    boolean after = false;
    for (Deployment d : deployments) {
      if (d.sameAs(cur)) {
        after = true;
      } else if (after && d.osname().equals(cur.osname())) {
        return d;
      }
    }
    return null;
  }
}
