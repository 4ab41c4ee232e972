package dev.strata.cli.commands;

import dev.strata.pkgdiff.PackageDiff;
import dev.strata.pkgdiff.PackageLists;
import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.sysroot.Deployment;
import dev.strata.sysroot.StoreRepository;
import dev.strata.sysroot.SysrootRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The package lines {@code status} shows for a pending deployment: {@code Diff: N upgraded, N
 * downgraded, N removed, N added} against the booted deployment, and with {@code -v} the packages
 * themselves. Nothing when either commit has no package list.
 */
final class StatusPackageDiff {
  private StatusPackageDiff() {}

  /** (key, value) rows for {@code status}; empty when there is nothing to show. */
  static List<String[]> rows(SysrootRepository repository, Deployment booted, Deployment pending, boolean verbose) {
    List<String[]> rows = new ArrayList<>();
    if (booted == null || pending == null || !(repository instanceof StoreRepository sr)) {
      return rows;
    }
    PackageDiff d;
    try {
      Repo repo = sr.repo();
      d = PackageDiff.between(PackageLists.read(repo, new Checksum(booted.checksum())).list(),
          PackageLists.read(repo, new Checksum(pending.checksum())).list());
    } catch (IOException e) {
      return rows;
    }
    rows.add(new String[] {"Diff", d.summary()});
    if (verbose) {
      for (String[] r : DbRender.sections(d)) {
        rows.add(new String[] {r[0], r[1]});
      }
    }
    return rows;
  }
}
