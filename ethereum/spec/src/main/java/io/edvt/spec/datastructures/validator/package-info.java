/** Containers of the honest validator guide: aggregation and sync committee messages. */
package io.edvt.spec.datastructures.validator;
