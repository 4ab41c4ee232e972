package dev.strata.cli.commands;

import dev.strata.sysroot.Deployment;
import dev.strata.sysroot.Kargs;
import dev.strata.sysroot.Sysroot;
import dev.strata.sysroot.SysrootState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata kargs}: show the kernel arguments, or deploy again with edited ones. */
@Command(
    name = "kargs",
    description = "Print the kernel arguments; with flags, stage a new deployment with edited arguments.")
final class KargsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--append", paramLabel = "K=V", description = "Append an argument.")
  List<String> append = new ArrayList<>();

  @Option(names = "--append-if-missing", paramLabel = "K=V", description = "Append unless the key is set.")
  List<String> appendIfMissing = new ArrayList<>();

  @Option(names = "--delete", paramLabel = "K[=V]", description = "Delete an argument.")
  List<String> delete = new ArrayList<>();

  @Option(names = "--replace", paramLabel = "K=V|K=OLD=NEW", description = "Replace an argument's value.")
  List<String> replace = new ArrayList<>();

  @Option(names = "--json", description = "Print the arguments as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Sysroot s = SysrootCli.open(spec);
    SysrootState st = s.load();
    Deployment cur = st.current();
    if (cur == null) {
      throw new IllegalArgumentException("no deployments in " + s.root() + "; deploy a commit first");
    }
    Deployment merge = st.mergeDeployment(cur.osname());
    Kargs k = merge.kargs();
    if (append.isEmpty() && appendIfMissing.isEmpty() && delete.isEmpty() && replace.isEmpty()) {
      Kargs shown = cur.kargs();
      if (json) {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("kargs", shown.toString());
        spec.commandLine().getOut().println(new com.google.gson.Gson().toJson(o));
      } else {
        spec.commandLine().getOut().println(shown);
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
    for (String d : delete) {
      k = k.delete(d);
    }
    for (String r : replace) {
      k = k.replaceValue(r);
    }
    for (String a : append) {
      k = k.append(a);
    }
    for (String a : appendIfMissing) {
      k = k.appendIfMissing(a);
    }
    if (k.equals(merge.kargs())) {
      spec.commandLine().getErr().println("Kernel arguments unchanged; nothing deployed.");
      return 0;
    }
    Deployment d = s.redeployWithKargs(k);
    spec.commandLine().getErr().println("Kernel arguments updated; deployment " + d.name() + " is the new default.");
    return 0;
  }
}
