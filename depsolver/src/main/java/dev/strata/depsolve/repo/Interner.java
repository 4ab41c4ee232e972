package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.Dependency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shares equal strings and parsed relation lists between packages. Not thread-safe. */
final class Interner {
  private final Map<String, String> strings = new HashMap<>(1 << 16);
  private final Map<String, List<Dependency>> depLists = new HashMap<>(1 << 16);

  String intern(String s) {
    if (s == null) {
      return null;
    }
    String old = strings.putIfAbsent(s, s);
    return old == null ? s : old;
  }

  List<Dependency> depList(String field, java.util.function.Function<String, List<Dependency>> parser) {
    List<Dependency> got = depLists.get(field);
    if (got == null) {
      got = parser.apply(field);
      depLists.put(field, got);
    }
    return got;
  }
}
