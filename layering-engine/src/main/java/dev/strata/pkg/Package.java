package dev.strata.pkg;

import java.util.List;

/**
 * A package read completely: its header and its files.
 *
 * @param header the header
 * @param files the files, directories and symlinks in archive order
 */
public record Package(PackageHeader header, List<PackageFile> files) {
  /** Copies the list. */
  public Package {
    files = List.copyOf(files);
  }
}
