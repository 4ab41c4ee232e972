package dev.strata.depsolve.repo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Fetches repository files over {@code file:}, {@code http:} and {@code https:}. Thread-safe. */
final class Fetcher {
  private HttpClient http;

  /**
   * Fetches one file.
   *
   * @param base the repository base URI, ending in '/'
   * @param rel the path below it
   * @return the bytes, or null when the file does not exist (404 or no such file)
   */
  byte[] fetch(URI base, String rel) throws RepositoryException {
    URI u = base.resolve(rel);
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    try {
      switch (scheme) {
        case "file":
          try {
            return Files.readAllBytes(Path.of(u));
          } catch (NoSuchFileException e) {
            return null;
          }
        case "http":
        case "https":
          return fetchHttp(u);
        default:
          throw new RepositoryException("unsupported URI scheme '" + scheme + "' in " + base
              + "; use file:, http: or https:");
      }
    } catch (IOException e) {
      if (e instanceof RepositoryException re) {
        throw re;
      }
      throw new RepositoryException("cannot fetch " + u + " (" + e.getMessage()
          + "); check the network and the source's URI");
    }
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(30)).build();
    }
    return http;
  }

  private byte[] fetchHttp(URI u) throws IOException {
    try {
      HttpResponse<byte[]> r = client().send(
          HttpRequest.newBuilder(u).timeout(Duration.ofMinutes(5)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() == 404 || r.statusCode() == 410) {
        return null;
      }
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode());
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }
}
