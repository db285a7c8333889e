package io.edvt.node.network;

import io.edvt.node.execution.EngineApi;

/** Engines for tests outside this package. */
public final class TestEngines {
  public EngineApi valid() {
    return new ValidEngine();
  }
}
