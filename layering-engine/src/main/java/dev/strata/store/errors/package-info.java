/** Exceptions of the store; each message says what failed, on which object or path, and what to do. */
package dev.strata.store.errors;
