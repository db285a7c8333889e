package io.edvt.node.validator.keys;

/** Told after each keystore is decrypted (from the decrypting threads, in completion order). */
@FunctionalInterface
public interface LoadProgress {
  void decrypted(int done, int total);

  LoadProgress NONE = (done, total) -> {};

  /** Logs {@code Decrypted 40/400 keystores} about every tenth of the set, and the last one. */
  static LoadProgress logging(System.Logger log) {
    return (done, total) -> {
      int step = Math.max(1, total / 10);
      if (done % step == 0 || done == total) {
        log.log(System.Logger.Level.INFO, "Decrypted {0}/{1} keystores", done, total);
      }
    };
  }
}
