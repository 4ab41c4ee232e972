package dev.strata.depsolve.repo;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One configured package source of a tree.
 *
 * @param id a stable name for messages and plans ({@code <uri> <suite>/<component>} or the yum id)
 * @param kind Debian or RPM
 * @param uri the repository base URI
 * @param suite Debian suite (dists/SUITE), or null for RPM
 * @param components Debian components, empty for RPM
 * @param keyrings Debian Signed-By keyrings (absolute host paths), or RPM gpgkey files
 * @param checkSignature whether the index must be signed: false only when the configuration
 *     explicitly says so ({@code [trusted=yes]}; for RPM, unless {@code repo_gpgcheck=1})
 * @param checkValidUntil whether an InRelease Valid-Until in the past is an error
 * @param checkPackageSignatures whether every package must carry a good OpenPGP signature by one
 *     of the keyrings' keys (yum {@code gpgcheck=1}; always false for Debian, whose packages are
 *     covered by the signed index alone)
 */
public record Source(String id, Kind kind, URI uri, String suite, List<String> components,
    List<Path> keyrings, boolean checkSignature, boolean checkValidUntil,
    boolean checkPackageSignatures) {
  /** The metadata format. */
  public enum Kind {
    /** A Debian archive with dists/SUITE/InRelease. */
    DEB,
    /** An rpm-md repository with repodata/repomd.xml. */
    RPM
  }

  /** Copies the lists. */
  public Source {
    components = List.copyOf(components);
    keyrings = List.copyOf(keyrings);
  }
}
