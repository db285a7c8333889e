/**
 * Fixtures for building EDVT inputs with real keys and signatures (groups, registrations, key
 * changes, attestation signatures), in main code so the reference-vector generator can use them.
 */
package io.edvt.spec.edvt.testing;
