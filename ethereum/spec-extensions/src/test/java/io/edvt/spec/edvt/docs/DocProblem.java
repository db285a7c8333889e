package io.edvt.spec.edvt.docs;

/** A problem in a document, at a 1-based line, printed as {@code file:line: message} like a compiler error. */
record DocProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
