/** The light-client sync protocol containers (Capella headers, Electra branch depths). */
package io.edvt.spec.datastructures.lightclient;
