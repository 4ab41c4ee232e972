package dev.strata.cli.commands;

import dev.strata.store.Repo;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --repo=DIR} option shared by the repo verbs. */
final class RepoOption {
  @Option(names = "--repo", paramLabel = "DIR", required = true, description = "The repository directory.")
  Path repo;

  Repo open() throws IOException {
    return Repo.open(repo);
  }
}
