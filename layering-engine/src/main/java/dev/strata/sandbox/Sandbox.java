package dev.strata.sandbox;

import java.io.IOException;

/**
 * Runs one program in a confined view of a directory tree. Implementations are thread-safe; each
 * call is independent.
 */
public interface Sandbox {
  /**
   * Runs the program the spec describes and waits for it (or for the timeout).
   *
   * @param spec what to run and what it sees
   * @return the exit status and captured output; a program that fails is a normal result
   * @throws SandboxException when the sandbox itself could not be set up
   * @throws IOException when the process cannot be started or read
   */
  ProcessResult run(SandboxSpec spec) throws IOException;
}
