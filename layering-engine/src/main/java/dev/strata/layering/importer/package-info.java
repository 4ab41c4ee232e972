/**
 * The package cache: each package file imported once into the repository as its own commit under
 * {@code strata/pkg/NAME/EVR.ARCH}, with the path mapping of immutable trees applied.
 */
package dev.strata.layering.importer;
