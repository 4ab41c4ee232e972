package dev.strata.cli.commands;

import dev.strata.store.Checksum;
import dev.strata.store.Repo;
import dev.strata.store.errors.StoreException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata repo refs}: list refs, {@code --create=NEW REV}, {@code --delete REF...}. */
@Command(name = "refs", description = "List refs; create one with --create=NEW REV; delete with --delete REF...")
final class RepoRefs implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--create", paramLabel = "NEWREF", description = "Create NEWREF pointing at the given revision.")
  String create;

  @Option(names = "--delete", description = "Delete the given refs.")
  boolean delete;

  @Parameters(arity = "0..*", paramLabel = "ARG", description = "Revision (with --create), refs (with --delete), or a prefix filter.")
  List<String> args = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    PrintWriter out = spec.commandLine().getOut();
    if (create != null && delete) {
      throw new IllegalArgumentException("--create and --delete cannot be combined; run them separately");
    }
    if (create != null) {
      if (args.size() != 1) {
        throw new IllegalArgumentException("--create=NEWREF needs exactly one existing revision; e.g. refs --create=new main");
      }
      Checksum c = r.resolve(args.get(0));
      if (r.refs().resolve(create).isPresent()) {
        throw new StoreException("ref " + create + " already exists; delete it first or choose another name");
      }
      r.refs().compareAndSet(create, java.util.Optional.empty(), c);
      return 0;
    }
    if (delete) {
      if (args.isEmpty()) {
        throw new IllegalArgumentException("--delete needs at least one ref");
      }
      for (String ref : args) {
        if (r.refs().resolve(ref).isEmpty()) {
          throw new StoreException("ref " + ref + " does not exist in " + r.path() + "; list refs with 'strata repo refs'");
        }
      }
      for (String ref : args) {
        r.refs().delete(ref);
      }
      return 0;
    }
    Map<String, Checksum> refs = r.refs().list();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Checksum> e : refs.entrySet()) {
      if (!args.isEmpty() && args.stream().noneMatch(p -> e.getKey().startsWith(p))) {
        continue;
      }
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", e.getKey());
        m.put("checksum", e.getValue().hex());
        rows.add(m);
      } else {
        out.println(e.getKey());
      }
    }
    if (json) {
      out.println(StoreRender.GSON.toJson(rows));
    }
    return 0;
  }
}
