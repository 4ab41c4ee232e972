package dev.strata.cli.commands;

import dev.strata.store.Repo;
import dev.strata.store.TreeReader;
import dev.strata.store.errors.StoreException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code strata repo cat REF PATH}: writes a file's content to stdout. */
@Command(name = "cat", description = "Print the content of a file in a commit.")
final class RepoCat implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Parameters(index = "0", paramLabel = "REF", description = "Ref or commit checksum.")
  String rev;

  @Parameters(index = "1", paramLabel = "PATH", description = "Path of a file in the commit.")
  String path;

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    TreeReader t = r.treeReader(r.resolve(rev));
    TreeReader.Entry e = t.lookup(path);
    if (e.directory()) {
      throw new StoreException(path + " is a directory in " + rev + "; use 'strata repo ls' to list it");
    }
    OutputStream out = System.out;
    try (InputStream in = t.file(e).openContent()) {
      in.transferTo(out);
    }
    out.flush();
    return 0;
  }
}
