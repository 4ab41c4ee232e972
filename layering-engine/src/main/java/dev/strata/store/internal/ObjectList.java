package dev.strata.store.internal;

import dev.strata.store.Checksum;
import dev.strata.store.ObjectType;
import dev.strata.store.Repo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lists the loose objects of a repository. Stateless. */
public final class ObjectList {
  private ObjectList() {}

  /**
   * A loose object.
   *
   * @param checksum its name
   * @param type its type
   * @param path its file
   */
  public record Entry(Checksum checksum, ObjectType type, Path path) {
    /** @return {@code CHECKSUM.TYPE} */
    public String describe() {
      return checksum + "." + type.displayName();
    }
  }

  /** @return every loose object, in directory order */
  public static List<Entry> list(Repo repo) throws IOException {
    List<Entry> out = new ArrayList<>();
    Path objects = repo.path().resolve("objects");
    try (DirectoryStream<Path> top = Files.newDirectoryStream(objects)) {
      for (Path sub : top) {
        String prefix = sub.getFileName().toString();
        if (prefix.length() != 2 || !Files.isDirectory(sub)) {
          continue;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sub)) {
          for (Path p : ds) {
            String n = p.getFileName().toString();
            int dot = n.indexOf('.');
            if (dot != 62) {
              continue;
            }
            String hex = prefix + n.substring(0, dot);
            ObjectType t = ObjectType.fromExtension(n.substring(dot + 1));
            if (t != null && Checksum.isValid(hex)) {
              out.add(new Entry(new Checksum(hex), t, p));
            }
          }
        }
      }
    }
    return out;
  }
}
