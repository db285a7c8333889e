package io.edvt.spec.edvt.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks every relative link of Markdown files: the target exists inside the repository, and an
 * {@code #anchor} names a heading of the target as GitHub computes heading anchors. External links
 * (with a scheme) are not fetched. One exception, for the EIP only: links to sibling EIPs in the EIPs
 * repository's form {@code ./eip-N.md}, which exist there and not here.
 */
final class RelativeLinkCheck {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern SIBLING_EIP = Pattern.compile("^\\./eip-[1-9][0-9]*\\.md$");
  private static final Pattern LINE_ANCHOR = Pattern.compile("^L[0-9]+(-L[0-9]+)?$");

  private final Path root;
  private final Set<Path> eipDirectories;
  private final Map<Path, MarkdownDocument> parsed = new HashMap<>();

  /**
   * @param root the repository root; links may not leave it
   * @param eipDirectories directories whose Markdown files are EIPs in the EIPs repository's layout, where
   *     {@code ./eip-N.md} links to other EIPs are allowed
   */
  RelativeLinkCheck(Path root, Set<Path> eipDirectories) {
    this.root = root.toAbsolutePath().normalize();
    this.eipDirectories = eipDirectories.stream().map(d -> d.toAbsolutePath().normalize()).collect(Collectors.toSet());
  }

  List<DocProblem> check(Path file) {
    Path source = file.toAbsolutePath().normalize();
    String name = display(source);
    List<DocProblem> problems = new ArrayList<>();
    for (MarkdownDocument.Link link : document(source).links()) {
      String problem = problem(source, link.target());
      if (problem != null) {
        problems.add(new DocProblem(name, link.line(), problem));
      }
    }
    return problems;
  }

  /** What is wrong with {@code target} as a link from {@code source}, or null when nothing is. */
  private String problem(Path source, String target) {
    if (target.isEmpty()) {
      return "empty link target";
    }
    if (SCHEME.matcher(target).find() || target.startsWith("//")) {
      return null;
    }
    if (target.startsWith("/")) {
      return "link `" + target + "` is an absolute path; use a path relative to this file";
    }
    if (SIBLING_EIP.matcher(target).matches() && eipDirectories.contains(source.getParent())) {
      return null;
    }
    int hash = target.indexOf('#');
    String path = percentDecode(hash < 0 ? target : target.substring(0, hash));
    String anchor = hash < 0 ? null : percentDecode(target.substring(hash + 1));
    Path resolved = path.isEmpty() ? source : source.getParent().resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      return "link `" + target + "` leads outside the repository";
    }
    if (!Files.exists(resolved)) {
      String hint = SIBLING_EIP.matcher(path).matches()
          ? " (a link to another EIP is allowed only in the EIP, as ./eip-N.md without an anchor)"
          : "";
      return "link `" + target + "`: " + display(resolved) + " does not exist" + hint;
    }
    if (anchor == null) {
      return null;
    }
    if (anchor.isEmpty()) {
      return "link `" + target + "` has an empty anchor";
    }
    if (!resolved.getFileName().toString().endsWith(".md")) {
      return LINE_ANCHOR.matcher(anchor).matches()
          ? null
          : "link `" + target + "`: anchors can only be checked in Markdown files; " + display(resolved) + " is not one";
    }
    List<String> anchors = document(resolved).headings().stream().map(MarkdownDocument.Heading::anchor).toList();
    if (anchors.contains(anchor)) {
      return null;
    }
    return "link `" + target + "`: no heading of " + display(resolved) + " has the anchor #" + anchor + closest(anchor, anchors);
  }

  /** Percent-decoding as in a URL path: {@code +} stays a plus sign. */
  private static String percentDecode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private MarkdownDocument document(Path file) {
    return parsed.computeIfAbsent(file, f -> {
      try {
        return MarkdownDocument.parse(Files.readString(f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private String display(Path path) {
    return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
  }

  /** A hint naming the existing anchor closest to {@code anchor}, if one is reasonably close. */
  private static String closest(String anchor, List<String> anchors) {
    return anchors.stream()
        .min(Comparator.comparingInt(a -> distance(anchor, a)))
        .filter(a -> distance(anchor, a) <= Math.max(3, anchor.length() / 3))
        .map(a -> " (closest: #" + a + ")")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
