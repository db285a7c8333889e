/** The operations a block body carries: attestations, slashings, deposits, exits, BLS changes. */
package io.edvt.spec.datastructures.operations;
