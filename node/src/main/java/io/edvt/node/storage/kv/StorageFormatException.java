package io.edvt.node.storage.kv;

/**
 * A stored key or value is not in the form this format version writes: the database was damaged
 * or written by something else. Callers add where it was found.
 */
public final class StorageFormatException extends RuntimeException {
  public StorageFormatException(String message) {
    super(message);
  }

  public StorageFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
