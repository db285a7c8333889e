/**
 * Fixtures for building EDVT inputs with real keys and signatures (groups, registrations, key
 * changes, attestation signatures) and {@link io.edvt.spec.edvt.testing.EdvtChainBuilder} for
 * real signed EDVT chains (group-signed blocks, per-member votes), in main code so the
 * reference-vector generator can use them.
 */
package io.edvt.spec.edvt.testing;
