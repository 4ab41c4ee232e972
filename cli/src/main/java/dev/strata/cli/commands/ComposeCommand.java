package dev.strata.cli.commands;

import dev.strata.compose.BasePackages;
import dev.strata.compose.ImportReport;
import dev.strata.compose.TreeImport;
import dev.strata.store.CommitBuilder;
import dev.strata.store.Repo;
import dev.strata.store.util.AtomicFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata compose}: build base commits. */
@Command(
    name = "compose",
    description = "Build base commits.")
final class ComposeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "import",
      description = "Commit a plain distribution tree (e.g. debootstrap's) as a bootable base.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository.")
    Path repoDir;

    @Option(names = {"-b", "--branch"}, required = true, paramLabel = "REF", description = "The branch to commit to.")
    String branch;

    @Option(names = "--version", paramLabel = "V", description = "The commit's version metadata.")
    String version;

    @Option(names = {"-s", "--subject"}, paramLabel = "TEXT", description = "The commit subject.")
    String subject;

    @Parameters(paramLabel = "TREE")
    Path tree;

    @Override
    public Integer call() throws Exception {
      dev.strata.store.refs.RefDatabase.validate(branch);
      Repo repo = Repo.open(repoDir);
      Path staging = repoDir.resolve("tmp/strata-import-" + AtomicFiles.randomSuffix());
      try {
        ImportReport report = TreeImport.prepare(tree, staging);
        spec.commandLine().getErr().println(report.summary());
        spec.commandLine().getErr().flush();
        Progress progress = new Progress(spec.commandLine().getErr(), "import");
        CommitBuilder b = repo.newCommit().tree(staging).branch(branch).progress(progress);
        BasePackages.record(staging).ifPresent(list -> list.addTo(b));
        if (version != null) {
          b.metadataString("version", version);
        }
        if (subject != null) {
          b.subject(subject);
        }
        CommitBuilder.Result r;
        try {
          r = b.call();
        } finally {
          progress.finish();
        }
        spec.commandLine().getOut().println(r.checksum().hex());
      } finally {
        AtomicFiles.deleteTree(staging);
      }
      return 0;
    }
  }
}
