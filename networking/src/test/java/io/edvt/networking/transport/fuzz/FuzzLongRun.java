package io.edvt.networking.transport.fuzz;

/**
 * Runs the discovery and certificate fuzz targets outside Maven (for the long run on a snapshot of
 * the classes, so builds can go on meanwhile): {@code java -Dedvt.fuzz.iterations=1000000 -cp ...
 * io.edvt.networking.transport.fuzz.FuzzLongRun [enrRlp|enrText|tlsCertificate]...}.
 */
public final class FuzzLongRun {
  private FuzzLongRun() {}

  public static void main(String[] args) throws Exception {
    EnrAndCertificateFuzzTest t = new EnrAndCertificateFuzzTest();
    for (String a : args) {
      switch (a) {
        case "enrRlp" -> t.enrRlp();
        case "enrText" -> t.enrText();
        case "tlsCertificate" -> t.tlsCertificate();
        default -> throw new IllegalArgumentException("unknown target " + a);
      }
    }
  }
}
