package dev.strata.sysroot;

/**
 * One deployment: a checkout of commit {@code checksum} at {@code
 * ostree/deploy/OSNAME/deploy/CHECKSUM.SERIAL}, booted through a BLS entry. Immutable.
 *
 * @param index position in the boot order (0 = default); -1 for one not yet in the list
 * @param osname the stateroot
 * @param checksum the commit
 * @param serial the deploy serial (a counter per checksum)
 * @param bootcsum checksum of the kernel, initramfs and device tree
 * @param bootserial a counter per bootcsum in list order
 * @param origin the {@code .origin} file content
 * @param kargs the kernel arguments without {@code ostree=}
 */
public record Deployment(
    int index,
    String osname,
    String checksum,
    int serial,
    String bootcsum,
    int bootserial,
    Origin origin,
    Kargs kargs) {

  /** {@code CHECKSUM.SERIAL}, the directory name. */
  public String name() {
    return checksum + "." + serial;
  }

  /** rpm-ostree's deployment id {@code OSNAME-CHECKSUM.SERIAL}. */
  public String id() {
    return osname + "-" + name();
  }

  /** Whether the origin says {@code pinned=true}. */
  public boolean pinned() {
    return origin.pinned();
  }

  /** The deployment directory relative to the sysroot. */
  public String relativePath() {
    return "ostree/deploy/" + osname + "/deploy/" + name();
  }

  /** Whether two values name the same deployment directory. */
  public boolean sameAs(Deployment o) {
    return o != null && osname.equals(o.osname) && checksum.equals(o.checksum) && serial == o.serial;
  }

  Deployment withIndex(int i) {
    return new Deployment(i, osname, checksum, serial, bootcsum, bootserial, origin, kargs);
  }

  Deployment withBootserial(int s) {
    return new Deployment(index, osname, checksum, serial, bootcsum, s, origin, kargs);
  }

  Deployment withOrigin(Origin o) {
    return new Deployment(index, osname, checksum, serial, bootcsum, bootserial, o, kargs);
  }
}
