package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;

/** A key set that has been superseded: in force from its activation epoch up to (not including) {@code retiredAt}. */
public record RetiredKeySet<K>(GroupKeySet<K> keySet, UInt64 retiredAt) {}
