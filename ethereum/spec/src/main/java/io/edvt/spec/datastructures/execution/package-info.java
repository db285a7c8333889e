/** Execution payloads and headers, withdrawals, and the execution-layer requests of Electra. */
package io.edvt.spec.datastructures.execution;
