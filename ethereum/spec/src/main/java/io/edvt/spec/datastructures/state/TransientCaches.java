package io.edvt.spec.datastructures.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Derived data a state keeps beside its SSZ content (active indices, shufflings, total active
 * balance, the pubkey index). Each state owns its own map; a state derived from it starts with a
 * copy, so entries computed on a parent serve its children while entries computed on one child
 * never leak to a sibling on another fork. The logic that defines a key also defines when an
 * entry stays valid (see the accessors that use it).
 */
public final class TransientCaches {
  private final Map<Object, Object> entries;

  public TransientCaches() {
    this(new ConcurrentHashMap<>());
  }

  private TransientCaches(Map<Object, Object> entries) {
    this.entries = entries;
  }

  /** The cached value for {@code key}, computing and storing it when absent. */
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Supplier<T> compute) {
    Object v = entries.get(key);
    if (v == null) {
      v = compute.get();
      entries.put(key, v);
    }
    return (T) v;
  }

  public void put(Object key, Object value) {
    entries.put(key, value);
  }

  public void invalidate(Object key) {
    entries.remove(key);
  }

  /** A copy for a state derived from this one. */
  public TransientCaches copyForDescendant() {
    return new TransientCaches(new ConcurrentHashMap<>(entries));
  }
}
