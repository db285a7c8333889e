package io.edvt.node.storage;

/**
 * A database operation failed after a successful start: a read or write error of the underlying
 * store, or a stored value that no longer decodes. Not an input error of the caller (those are
 * {@link IllegalArgumentException}s).
 */
public final class StorageException extends RuntimeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
