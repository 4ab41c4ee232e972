package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.fixtures.DebianArchive;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.store.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every {@code --json} output of the CLI has a JSON Schema in docs/schema, and conforms to it. */
class JsonSchemaTest {
  @TempDir Path tmp;

  @AfterEach
  void unlock() throws IOException {
    SysrootFixture.unlock(tmp);
  }

  private static void collect(CommandLine c, String path, Set<String> out) {
    if (c.getCommandSpec().findOption("--json") != null) {
      out.add(path.strip());
    }
    c.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        collect(sub, path + " " + name, out);
      }
    });
  }

  @Test
  void testEveryJsonOption_hasASchemaFile() {
    Set<String> withJson = new TreeSet<>();
    collect(StrataCommand.commandLine(new String[0]), "", withJson);
    assertEquals(withJson, new TreeSet<>(JsonSchemas.SCHEMAS.keySet()));
    for (String f : JsonSchemas.SCHEMAS.values()) {
      JsonSchemas.schema(f);
    }
  }

  @Test
  void testSchema_rejectsAMalformedDiff() {
    assertThrows(AssertionError.class, () -> JsonSchemas.check("db diff",
        "{\"ostree-commit-from\": \"x\", \"ostree-commit-to\": \"y\", \"pkgdiff\": [[\"a\", 0, {}]]}"));
  }

  @Test
  void testRepoVerbs_conform() throws IOException {
    Path repo = tmp.resolve("repo");
    Path tree = Files.createDirectories(tmp.resolve("tree/usr/bin"));
    Files.writeString(tree.resolve("tool"), "#!/bin/sh\n");
    Files.createSymbolicLink(tree.resolve("sh"), Path.of("tool"));
    String r = "--repo=" + repo;
    DbDiffDebianTest.strata("repo", "init", r);
    DbDiffDebianTest.strata("repo", "commit", r, "-b", "os/x", "--add-metadata-string=version=1", tmp.resolve("tree").toString());
    DbDiffDebianTest.strata("repo", "commit", r, "-b", "os/x", tmp.resolve("tree").toString());
    JsonSchemas.check("repo log", DbDiffDebianTest.strata("repo", "log", r, "--json", "os/x"));
    JsonSchemas.check("repo show", DbDiffDebianTest.strata("repo", "show", r, "--json", "os/x"));
    JsonSchemas.check("repo ls", DbDiffDebianTest.strata("repo", "ls", r, "--json", "-R", "os/x"));
    JsonSchemas.check("repo refs", DbDiffDebianTest.strata("repo", "refs", r, "--json"));
    JsonSchemas.check("repo rev-parse", DbDiffDebianTest.strata("repo", "rev-parse", r, "--json", "os/x^"));
    JsonSchemas.check("repo fsck", DbDiffDebianTest.strata("repo", "fsck", r, "--json"));
  }

  @Test
  void testSysrootVerbs_conform() throws IOException {
    SysrootFixture f = new SysrootFixture(tmp);
    f.commit("1");
    f.strata("admin", "deploy", "--os=testos", "--karg=root=LABEL=root", "testos/stable").ok();
    f.commit("2");
    f.strata("admin", "deploy", "--os=testos", "testos/stable").ok();
    JsonSchemas.check("status", f.strata("status", "--json").ok().out());
    JsonSchemas.check("admin status", f.strata("admin", "status", "--json").ok().out());
    JsonSchemas.check("kargs", f.strata("kargs", "--json").ok().out());
  }

  @Test
  void testPkgVerbs_conform() {
    List<Path> debs = DebianArchive.download("strace", "libunwind8");
    JsonSchemas.check("pkg info", DbDiffDebianTest.strata("pkg", "info", "--json", debs.get(0).toString()));
    JsonSchemas.check("pkg contents", DbDiffDebianTest.strata("pkg", "contents", "--json", debs.get(0).toString()));
    JsonSchemas.check("pkg contents", DbDiffDebianTest.strata("pkg", "contents", "--json",
        debs.get(0).toString(), debs.get(1).toString()));
  }

  @Test
  void testDbVerbs_conform() throws IOException {
    DiffExpectation x = new DiffExpectation().upgrade("a", "1.0-1", "1:0.5-1", "amd64").downgrade("b", "2.0", "2.0~rc1", "all")
        .removed("c", "1", "amd64").added("d", "3.0-1~bpo12+1", "amd64").same("e", "1.0", "all");
    Repo repo = Repo.init(tmp.resolve("repo"), dev.strata.store.RepoMode.BARE);
    Files.createDirectories(tmp.resolve("t/usr"));
    DiffExpectation.list(PackageFormat.DEB, x.from).addTo(repo.newCommit().tree(tmp.resolve("t")).branch("a")).call();
    DiffExpectation.list(PackageFormat.DEB, x.to).addTo(repo.newCommit().tree(tmp.resolve("t")).branch("b")).call();
    String r = "--repo=" + tmp.resolve("repo");
    x.checkJson(JsonSchemas.check("db diff", DbDiffDebianTest.strata("db", "diff", r, "--format=json", "a", "b")),
        repo.resolve("a").hex(), repo.resolve("b").hex());
    JsonSchemas.check("db diff", DbDiffDebianTest.strata("db", "diff", r, "--json", "a", "a"));
    JsonSchemas.check("db list", DbDiffDebianTest.strata("db", "list", r, "--json", "a", "b"));
  }
}
