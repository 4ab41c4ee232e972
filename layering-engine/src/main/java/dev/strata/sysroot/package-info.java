/**
 * The sysroot: deployments of OSTree commits that a host boots, written exactly as {@code ostree admin}
 * 2022.7 writes them (deployment directories, origin files, BLS boot entries, the bootversion and
 * subbootversion swap, the /etc three-way merge, pinning, rollback and clean-up).
 *
 * <p>The entry point is {@link dev.strata.sysroot.Sysroot}. Commits come from a {@link
 * dev.strata.sysroot.SysrootRepository}, the narrow view of the OSTree repository under {@code
 * ostree/repo} that deployments need.
 */
package dev.strata.sysroot;
