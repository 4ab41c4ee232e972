package dev.strata.cli.commands;

import dev.strata.store.Checksum;
import dev.strata.store.CommitBuilder;
import dev.strata.store.Repo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata repo commit}: commits a directory and prints the new checksum. */
@Command(name = "commit", description = "Commit a directory tree; prints the new commit checksum.")
final class RepoCommit implements Callable<Integer> {
  @Mixin RepoOption repo;

  @Option(names = {"-b", "--branch"}, paramLabel = "REF", description = "Branch to move to the new commit.")
  String branch;

  @Option(names = {"-s", "--subject"}, paramLabel = "SUBJECT", defaultValue = "", description = "Subject line.")
  String subject;

  @Option(names = {"-m", "--body"}, paramLabel = "TEXT", defaultValue = "", description = "Body text.")
  String body;

  @Option(names = "--timestamp", paramLabel = "EPOCH", description = "Commit time in seconds since the epoch (default: now).")
  Long timestamp;

  @Option(names = "--parent", paramLabel = "CHECKSUM", description = "Parent commit checksum, or 'none' (default: the branch's commit).")
  String parent;

  @Option(names = "--add-metadata-string", paramLabel = "K=V", description = "Add a string metadata entry (repeatable).")
  List<String> metadata = new ArrayList<>();

  @Option(names = "--no-bindings", description = "Do not write the ostree.ref-binding metadata.")
  boolean noBindings;

  @Option(names = "--orphan", description = "Create a commit without moving any ref.")
  boolean orphan;

  @Option(names = "--skip-special-files", description = "Leave device nodes, FIFOs and sockets out (and count them).")
  boolean skipSpecial;

  @Parameters(paramLabel = "DIR", description = "The directory to commit.")
  Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (branch == null && !orphan) {
      throw new IllegalArgumentException("no branch given; pass -b REF (or --orphan for a commit without a ref)");
    }
    Repo r = repo.open();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, "commit");
    CommitBuilder b = r.newCommit().tree(dir).subject(subject).body(body).bindings(!noBindings)
        .orphan(orphan).skipSpecialFiles(skipSpecial).progress(progress);
    if (branch != null) {
      b.branch(branch);
    }
    if (timestamp != null) {
      b.timestamp(timestamp);
    }
    if (parent != null) {
      if (parent.equals("none")) {
        b.parent(Optional.empty());
      } else if (Checksum.isValid(parent)) {
        b.parent(Optional.of(new Checksum(parent)));
      } else {
        throw new IllegalArgumentException("invalid --parent '" + parent + "'; give a full commit checksum or 'none'");
      }
    }
    for (String kv : metadata) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("invalid --add-metadata-string '" + kv + "'; use KEY=VALUE");
      }
      b.metadataString(kv.substring(0, eq), kv.substring(eq + 1));
    }
    CommitBuilder.Result res;
    try {
      res = b.call();
    } finally {
      progress.finish();
    }
    if (!res.skipped().isEmpty()) {
      err.println("skipped " + res.skipped().size() + " special files (device nodes, FIFOs, sockets), e.g. "
          + res.skipped().get(0));
    }
    spec.commandLine().getOut().println(res.checksum().hex());
    return 0;
  }
}
