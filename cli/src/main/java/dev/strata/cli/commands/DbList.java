package dev.strata.cli.commands;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.strata.pkgdiff.PackageList;
import dev.strata.pkgdiff.PackageLists;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata db list [REV...] [PATTERN]}: the packages of commits, with version and architecture. */
@Command(
    name = "list",
    description = {
      "List the packages of commits (default: the booted, else the default deployment).",
      "The last argument, when it names no revision, is a pattern: a glob (* ? [..]) or a name prefix."
    })
final class DbList implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--repo", paramLabel = "DIR", description = "Use this repository instead of the sysroot's.")
  Path repoDir;

  @Parameters(arity = "0..*", paramLabel = "REV", description = "Deployment index, commit checksum or ref; then PATTERN.")
  List<String> args = List.of();

  @Override
  public Integer call() throws Exception {
    DbRevisions r = DbRevisions.open(spec, repoDir);
    List<DbRevisions.Rev> revs = new ArrayList<>();
    String pattern = null;
    for (int i = 0; i < args.size(); i++) {
      try {
        revs.add(r.resolve(args.get(i)));
      } catch (IOException | IllegalArgumentException e) {
        if (i < args.size() - 1 || isIndexLike(args.get(i))) {
          throw e;
        }
        pattern = args.get(i);
      }
    }
    if (revs.isEmpty()) {
      revs.add(r.current());
    }
    Predicate<String> match = matcher(pattern);
    StringBuilder text = new StringBuilder();
    JsonArray commits = new JsonArray();
    for (DbRevisions.Rev rev : revs) {
      PackageLists.Read read = PackageLists.read(r.repo(), rev.commit());
      List<PackageList.Package> pkgs = read.list().packages().stream().filter(p -> match.test(p.name())).toList();
      if (json) {
        JsonObject c = new JsonObject();
        c.addProperty("revision", rev.description());
        c.addProperty("checksum", rev.commit().hex());
        c.addProperty("pkgformat", PackageList.formatName(read.list().format()));
        c.addProperty("source", read.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        JsonArray a = new JsonArray();
        for (PackageList.Package p : pkgs) {
          a.add(DbRender.packageJson(p));
        }
        c.add("packages", a);
        commits.add(c);
      } else {
        text.append("ostree commit: ").append(rev.description()).append(" (").append(rev.commit().hex()).append(")\n");
        for (PackageList.Package p : pkgs) {
          text.append(' ').append(p.nevra()).append('\n');
        }
      }
    }
    if (json) {
      JsonObject top = new JsonObject();
      top.add("commits", commits);
      text.append(DbRender.GSON.toJson(top)).append('\n');
    }
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static boolean isIndexLike(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static Predicate<String> matcher(String pattern) {
    if (pattern == null) {
      return n -> true;
    }
    if (pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      return n -> !n.contains("/") && m.matches(Path.of(n));
    }
    return n -> n.startsWith(pattern);
  }
}
