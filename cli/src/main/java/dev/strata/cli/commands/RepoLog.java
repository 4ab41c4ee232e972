package dev.strata.cli.commands;

import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.Repo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata repo log REF}: the history, newest first. */
@Command(name = "log", description = "Show the history of a ref, newest first.")
final class RepoLog implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Parameters(paramLabel = "REF", description = "Ref or commit checksum.")
  String rev;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    List<Map.Entry<Checksum, Commit>> log = r.log(r.resolve(rev));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Object> l = new ArrayList<>();
      for (Map.Entry<Checksum, Commit> e : log) {
        l.add(StoreRender.commitJson(e.getKey(), e.getValue()));
      }
      out.println(StoreRender.GSON.toJson(l));
    } else {
      for (Map.Entry<Checksum, Commit> e : log) {
        out.print(StoreRender.commitText(e.getKey(), e.getValue()));
        out.println();
      }
      Commit last = log.get(log.size() - 1).getValue();
      last.parent().ifPresent(p -> out.println("<< History beyond this commit not fetched >>"));
    }
    return 0;
  }
}
