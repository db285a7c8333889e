/**
 * Beacon blocks, their bodies and headers, and the block-level containers (Eth1Data,
 * SyncAggregate).
 */
package io.edvt.spec.datastructures.blocks;
