package dev.strata.cli.commands;

import dev.strata.store.Repo;
import dev.strata.store.RepoMode;
import dev.strata.sysroot.Deployment;
import dev.strata.sysroot.Kargs;
import dev.strata.sysroot.Origin;
import dev.strata.sysroot.Sysroot;
import dev.strata.sysroot.SysrootState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata admin}: the {@code ostree admin} plumbing on a sysroot. */
@Command(
    name = "admin",
    description = "Sysroot plumbing, as 'ostree admin' has it.")
final class AdminCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "init-fs", description = "Create an empty sysroot (with a bare repository).")
  static final class InitFs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The sysroot (default: --sysroot).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      Path root = dir != null ? dir : SysrootCli.root(spec);
      Sysroot.initFs(root);
      Path repo = root.resolve("ostree/repo");
      if (!Files.exists(repo.resolve("config"))) {
        Repo.init(repo, RepoMode.BARE);
      }
      return 0;
    }
  }

  @Command(name = "os-init", description = "Create a stateroot.")
  static final class OsInit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "OSNAME")
    String osname;

    @Override
    public Integer call() throws Exception {
      SysrootCli.open(spec).osInit(osname);
      spec.commandLine().getOut().println("ostree/deploy/" + osname + " initialized as OSTree root");
      return 0;
    }
  }

  @Command(name = "deploy", description = "Check out a commit as the new default deployment.")
  static final class Deploy implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--os", paramLabel = "OSNAME", description = "The stateroot.")
    String os;

    @Option(names = "--karg", paramLabel = "K=V", description = "Set a kernel argument (replaces the key).")
    List<String> karg = new ArrayList<>();

    @Option(names = "--karg-append", paramLabel = "K=V", description = "Append a kernel argument.")
    List<String> kargAppend = new ArrayList<>();

    @Option(names = "--origin-file", paramLabel = "FILE", description = "Use this origin file.")
    Path originFile;

    @Parameters(paramLabel = "REF|CHECKSUM")
    String revision;

    @Override
    public Integer call() throws Exception {
      Sysroot s = SysrootCli.open(spec);
      try (Sysroot.Held l = s.lock()) {
        SysrootState st = s.load();
        String osname = os != null ? os : defaultOs(s, st);
        Origin origin =
            originFile == null ? null : Origin.parse(Files.readString(originFile, StandardCharsets.UTF_8));
        Kargs kargs = null;
        if (!karg.isEmpty() || !kargAppend.isEmpty()) {
          Deployment merge = st.mergeDeployment(osname);
          kargs = merge == null ? Kargs.empty() : merge.kargs();
          for (String k : karg) {
            kargs = kargs.replace(k);
          }
          for (String k : kargAppend) {
            kargs = kargs.append(k);
          }
        }
        Deployment d = s.deploy(osname, revision, origin, kargs);
        spec.commandLine().getOut().println(d.name());
      }
      return 0;
    }

    private static String defaultOs(Sysroot s, SysrootState st) throws java.io.IOException {
      if (st.booted() != null) {
        return st.booted().osname();
      }
      List<String> oses;
      try (Stream<Path> p = Files.list(s.root().resolve("ostree/deploy"))) {
        oses = p.filter(Files::isDirectory).map(x -> x.getFileName().toString()).toList();
      }
      if (oses.size() == 1) {
        return oses.get(0);
      }
      throw new IllegalArgumentException(
          "not booted into a deployment and " + oses.size() + " stateroots exist; give --os=OSNAME");
    }
  }

  @Command(name = "undeploy", description = "Remove the deployment at INDEX.")
  static final class Undeploy implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "INDEX")
    int index;

    @Override
    public Integer call() throws Exception {
      Sysroot s = SysrootCli.open(spec);
      String name = s.deployments().size() > index && index >= 0 ? s.deployments().get(index).name() : null;
      s.undeploy(index);
      spec.commandLine().getOut().println("Deleted deployment " + name);
      return 0;
    }
  }

  @Command(name = "pin", description = "Keep the deployment at INDEX across deploys (or --unpin).")
  static final class Pin implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-u", "--unpin"}, description = "Unpin instead.")
    boolean unpin;

    @Parameters(paramLabel = "INDEX")
    int index;

    @Override
    public Integer call() throws Exception {
      SysrootCli.open(spec).pin(index, !unpin);
      spec.commandLine().getOut().println("Deployment " + index + " is now " + (unpin ? "unpinned" : "pinned"));
      return 0;
    }
  }

  @Command(name = "status", description = "List deployments as 'ostree admin status' does.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print rpm-ostree style JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Sysroot s = SysrootCli.open(spec);
      StatusRenderer r = new StatusRenderer(s.load(), s.repository());
      spec.commandLine().getOut().print(json ? r.json() : r.adminText());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "cleanup", description = "Remove unreferenced deployments, boot files and refs.")
  static final class Cleanup implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      SysrootCli.open(spec).cleanup();
      return 0;
    }
  }
}
