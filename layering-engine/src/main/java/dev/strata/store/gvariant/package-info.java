/** GVariant serialization in normal form, as OSTree objects and metadata use it. */
package dev.strata.store.gvariant;
