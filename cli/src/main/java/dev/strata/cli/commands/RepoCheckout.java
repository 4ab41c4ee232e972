package dev.strata.cli.commands;

import dev.strata.store.Repo;
import dev.strata.store.checkout.Checkout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata repo checkout}: hardlinks from bare repositories, copies otherwise. */
@Command(name = "checkout", description = "Check a commit out into a new directory.")
final class RepoCheckout implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = {"-C", "--force-copy"}, description = "Copy files instead of hardlinking them.")
  boolean forceCopy;

  @Option(names = {"-U", "--user-mode"}, description = "Ignore ownership and xattrs; strip setuid/setgid.")
  boolean userMode;

  @Option(names = "--subpath", paramLabel = "P", defaultValue = "/", description = "Check out only this path.")
  String subpath;

  @Parameters(index = "0", paramLabel = "REF", description = "Ref or commit checksum.")
  String rev;

  @Parameters(index = "1", paramLabel = "DEST", description = "Directory to create.")
  Path dest;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    Repo r = repo.open();
    Checkout.Result res = Checkout.of(r, r.resolve(rev)).destination(dest).subpath(subpath)
        .forceCopy(forceCopy).userMode(userMode).call();
    spec.commandLine().getErr().println("checked out " + rev + " to " + res.destination() + " ("
        + res.hardlinked() + " hardlinked, " + res.copied() + " copied) in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    return 0;
  }
}
