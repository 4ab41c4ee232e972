package dev.strata.pkg;

import java.io.InputStream;

/**
 * One entry of a payload stream: the file's metadata and, for a regular file that carries data, its
 * content. The content stream is valid until the next call to {@link PayloadStream#next()}.
 *
 * @param file the metadata
 * @param data the content (empty for directories, symlinks and hardlinks without data)
 */
public record PayloadEntry(PackageFile file, InputStream data) {}
