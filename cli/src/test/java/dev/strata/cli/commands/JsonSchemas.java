package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema (docs/schema) of every {@code --json} output of the CLI, and a check of an output
 * against its schema with a real JSON Schema (2020-12) validator.
 */
final class JsonSchemas {
  /** Command path (as typed after {@code strata}) to its schema file in docs/schema. */
  static final Map<String, String> SCHEMAS = Map.ofEntries(
      Map.entry("status", "status.json"),
      Map.entry("admin status", "status.json"),
      Map.entry("kargs", "kargs.json"),
      Map.entry("repo log", "repo-log.json"),
      Map.entry("repo show", "repo-show.json"),
      Map.entry("repo ls", "repo-ls.json"),
      Map.entry("repo refs", "repo-refs.json"),
      Map.entry("repo rev-parse", "repo-rev-parse.json"),
      Map.entry("repo fsck", "repo-fsck.json"),
      Map.entry("pkg info", "pkg-info.json"),
      Map.entry("pkg contents", "pkg-contents.json"),
      Map.entry("install", "install-dry-run.json"),
      Map.entry("uninstall", "install-dry-run.json"),
      Map.entry("db diff", "db-diff.json"),
      Map.entry("db list", "db-list.json"));

  private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

  private JsonSchemas() {}

  /** docs/schema of the project (tests run in the cli module). */
  static Path dir() {
    Path p = Path.of("").toAbsolutePath();
    for (Path d = p; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("docs/schema"))) {
        return d.resolve("docs/schema");
      }
    }
    throw new AssertionError("no docs/schema above " + p);
  }

  static JsonSchema schema(String file) {
    return LOADED.computeIfAbsent(file, f -> {
      try {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(Files.readString(dir().resolve(f)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Validates the output of {@code command} against its schema; returns the output. */
  static String check(String command, String json) {
    String file = SCHEMAS.get(command);
    if (file == null) {
      throw new AssertionError("no schema registered for 'strata " + command + " --json'");
    }
    Set<ValidationMessage> errors = schema(file).validate(json, InputFormat.JSON,
        c -> c.getExecutionConfig().setFormatAssertionsEnabled(true));
    assertEquals(Set.of(), errors, "strata " + command + " --json against docs/schema/" + file + ":\n" + json);
    return json;
  }
}
