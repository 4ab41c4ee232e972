package dev.strata.cli;

import java.io.PrintWriter;

/** Turns exceptions into the one-line {@code error: ...} form. */
final class ErrorReporter {
  private ErrorReporter() {}

  static void report(Throwable ex, boolean verbose, PrintWriter err) {
    err.println("error: " + describe(ex));
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  static int exitCodeFor(Throwable ex) {
    return 1;
  }

  /** A one-line description; unexpected internal failures say so and point at --verbose. */
  static String describe(Throwable ex) {
    String msg = ex.getMessage();
    if (ex instanceof RuntimeException && !(ex instanceof IllegalArgumentException)
        && !(ex instanceof java.io.UncheckedIOException)) {
      return "internal error: " + ex.getClass().getSimpleName() + (msg == null ? "" : ": " + oneLine(msg))
          + "; run again with --verbose and report the trace";
    }
    if (ex instanceof java.nio.file.NoSuchFileException nsf) {
      return "no such file or directory: " + nsf.getFile() + "; check the path";
    }
    if (ex instanceof java.nio.file.AccessDeniedException ade) {
      return "permission denied: " + ade.getFile() + "; run as root or check the permissions";
    }
    if (ex instanceof java.nio.file.FileSystemException fse && msg != null && msg.equals(fse.getFile())) {
      return ex.getClass().getSimpleName() + ": " + fse.getFile();
    }
    return msg == null ? ex.getClass().getSimpleName() : oneLine(msg);
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
  }
}
