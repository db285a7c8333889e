/**
 * Test fixtures other modules reuse (reference tests, benchmarks, differential tests): validator
 * keys, signing, and a {@link io.edvt.spec.testing.ChainBuilder} that produces real signed
 * blocks on a Fulu chain. Nothing here is used by the node itself.
 */
package io.edvt.spec.testing;
