package dev.strata.cli.commands;

import dev.strata.store.FsckReport;
import dev.strata.store.Repo;
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
import picocli.CommandLine.Spec;

/** {@code strata repo fsck}: re-hashes every object; exit 1 naming each corrupt or missing one. */
@Command(name = "fsck", description = "Verify every object; exits 1 and names each corrupt or missing object.")
final class RepoFsck implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Repo r = repo.open();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, "fsck");
    FsckReport rep;
    try {
      rep = r.fsck(progress);
    } finally {
      progress.finish();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("objects", rep.objects());
      m.put("commits", rep.commits());
      m.put("ok", rep.ok());
      List<Map<String, Object>> probs = new ArrayList<>();
      for (FsckReport.Problem p : rep.problems()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("object", p.object());
        pm.put("kind", p.kind());
        pm.put("detail", p.detail());
        probs.add(pm);
      }
      m.put("problems", probs);
      out.println(StoreRender.GSON.toJson(m));
    } else {
      for (FsckReport.Problem p : rep.problems()) {
        out.println(p.kind() + " object " + p.object() + ": " + p.detail());
      }
      err.println("fsck: " + rep.objects() + " objects and " + rep.commits() + " commits checked, "
          + rep.problems().size() + " problems");
    }
    out.flush();
    if (!rep.ok()) {
      throw new ExitStatus(1, "error: fsck found " + rep.problems().size() + " corrupt or missing objects in "
          + r.path() + " (listed above); restore them from a good copy or re-commit, then run fsck again");
    }
    return 0;
  }
}
