/** Implementation of the store: staging transactions, tree writing, content reading, locks. Not API. */
package dev.strata.store.internal;
