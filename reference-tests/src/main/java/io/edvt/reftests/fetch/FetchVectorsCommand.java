package io.edvt.reftests.fetch;

import io.edvt.infrastructure.io.OfficialVectors;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * {@code ./edvt fetch-vectors [--base-url URL] [--into DIR]}: see {@link VectorFetcher}. Exit
 * codes: 0 done, 1 the fetch failed (one line on stderr), 2 bad arguments.
 */
public final class FetchVectorsCommand {
  static final String USAGE = """
      usage: ./edvt fetch-vectors [--base-url URL] [--into DIR]
        Downloads the consensus-spec-tests %s archives (general, minimal, mainnet), checks them and
        unpacks them into %s, where the reference tests find them.
        --base-url URL  where the archives are (default %s; or set %s)
        --into DIR      another folder to unpack into (the tests find it with %s=DIR)
      """;

  private FetchVectorsCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String base = System.getenv(VectorFetcher.BASE_URL_ENV);
    Path into = OfficialVectors.releaseCacheDir();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-h", "--help" -> {
          out.print(usage());
          return 0;
        }
        case "--base-url", "--into" -> {
          if (i + 1 >= args.length) {
            err.println("fetch-vectors: " + args[i] + " needs a value (see ./edvt fetch-vectors --help)");
            return 2;
          }
          if (args[i].equals("--base-url")) {
            base = args[++i];
          } else {
            into = Path.of(args[++i]).toAbsolutePath().normalize();
          }
        }
        default -> {
          err.println("fetch-vectors: unknown argument '" + args[i] + "' (see ./edvt fetch-vectors --help)");
          return 2;
        }
      }
    }
    URI uri;
    try {
      uri = URI.create(base == null || base.isBlank() ? VectorFetcher.DEFAULT_BASE_URL : base);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      err.println("fetch-vectors: bad base URL '" + base + "': " + e.getMessage());
      return 2;
    }
    try {
      new VectorFetcher(uri, into, PinnedChecksums.builtIn(), out).fetch();
      return 0;
    } catch (VectorFetcher.FetchException e) {
      err.println("fetch-vectors: " + e.getMessage());
      return 1;
    }
  }

  static String usage() {
    return USAGE.formatted(OfficialVectors.RELEASE, OfficialVectors.releaseCacheDir(), VectorFetcher.DEFAULT_BASE_URL,
        VectorFetcher.BASE_URL_ENV, OfficialVectors.ENV);
  }
}
