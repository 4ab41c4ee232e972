package dev.strata.cli.commands;

import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.Repo;
import dev.strata.store.errors.StoreException;
import dev.strata.store.gvariant.GVariant;
import dev.strata.store.gvariant.Variant;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata repo show REV}: one commit with its metadata. */
@Command(name = "show", description = "Show a commit and its metadata.")
final class RepoShow implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--print-metadata-key", paramLabel = "KEY", description = "Print only this metadata value (GVariant text).")
  String key;

  @Parameters(paramLabel = "REV", description = "Ref or commit checksum.")
  String rev;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    Checksum id = r.resolve(rev);
    Commit c = r.readCommit(id);
    PrintWriter out = spec.commandLine().getOut();
    if (key != null) {
      Variant v = c.metadata().get(key);
      if (v == null) {
        throw new StoreException("commit " + id + " has no metadata key '" + key + "'; see 'strata repo show " + rev + "'");
      }
      out.println(json ? StoreRender.GSON.toJson(StoreRender.json(v.value())) : GVariant.print(v.type(), v.value()));
      return 0;
    }
    if (json) {
      out.println(StoreRender.GSON.toJson(StoreRender.commitJson(id, c)));
      return 0;
    }
    out.print(StoreRender.commitText(id, c));
    if (!c.metadata().isEmpty()) {
      out.println();
      out.println("Metadata:");
      for (Map.Entry<String, Variant> e : c.metadata().entrySet()) {
        out.println("  " + e.getKey() + ": " + GVariant.print(e.getValue().type(), e.getValue().value()));
      }
    }
    return 0;
  }
}
