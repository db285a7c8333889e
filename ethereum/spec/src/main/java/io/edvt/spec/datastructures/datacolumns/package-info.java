/** Fulu data availability sampling: data column sidecars, matrix entries, partial columns. */
package io.edvt.spec.datastructures.datacolumns;
