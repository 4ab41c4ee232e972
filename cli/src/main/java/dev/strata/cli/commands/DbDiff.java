package dev.strata.cli.commands;

import dev.strata.pkgdiff.PackageDiff;
import dev.strata.pkgdiff.PackageList;
import dev.strata.pkgdiff.PackageLists;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata db diff [FROM [TO]]}: the package changes between two commits or deployments. */
@Command(
    name = "diff",
    description = {
      "Show the package changes between two commits or deployments.",
      "Without arguments: booted to pending deployment (else rollback to booted); where nothing is booted,"
          + " rollback to default deployment. With FROM only: FROM to the booted (or default) deployment."
    })
final class DbDiff implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    block,
    diff,
    json
  }

  @Spec CommandSpec spec;

  @Option(names = {"-F", "--format"}, paramLabel = "FORMAT", description = "block (default), diff or json.")
  Format format = Format.block;

  @Option(names = "--json", description = "Same as --format=json.")
  boolean json;

  @Option(names = "--base", description = "Compare the base commits of layered commits.")
  boolean base;

  @Option(names = "--repo", paramLabel = "DIR", description = "Use this repository instead of the sysroot's.")
  Path repoDir;

  @Parameters(arity = "0..2", paramLabel = "REV",
      description = "FROM and TO: a deployment index, commit checksum or ref.")
  List<String> revs = List.of();

  @Override
  public Integer call() throws Exception {
    DbRevisions r = DbRevisions.open(spec, repoDir);
    DbRevisions.Rev[] pair;
    if (revs.isEmpty()) {
      pair = r.defaultPair();
    } else if (revs.size() == 1) {
      pair = new DbRevisions.Rev[] {r.resolve(revs.get(0)), r.current()};
    } else {
      pair = new DbRevisions.Rev[] {r.resolve(revs.get(0)), r.resolve(revs.get(1))};
    }
    if (base) {
      for (int i = 0; i < 2; i++) {
        pair[i] = new DbRevisions.Rev(pair[i].description() + " base", PackageLists.base(r.repo(), pair[i].commit()));
      }
    }
    PackageList from = PackageLists.read(r.repo(), pair[0].commit()).list();
    PackageList to = PackageLists.read(r.repo(), pair[1].commit()).list();
    PackageDiff d = PackageDiff.between(from, to);
    String out = switch (json ? Format.json : format) {
      case block -> DbRender.block(pair[0], pair[1], d);
      case diff -> DbRender.diff(d);
      case json -> DbRender.json(pair[0], pair[1], d);
    };
    spec.commandLine().getOut().print(out);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
