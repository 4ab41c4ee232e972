/**
 * The solver core (closure, Sat4j encoding and optimisation, apt-like preferences, explanations,
 * consistency checks). Internal: public only for the facade in {@code dev.strata.depsolve}; other
 * modules must not use it.
 */
package dev.strata.depsolve.internal;
