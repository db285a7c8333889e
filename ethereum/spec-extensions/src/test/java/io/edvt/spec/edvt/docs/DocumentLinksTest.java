package io.edvt.spec.edvt.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every relative link of the EIP draft ({@code eip-draft/}), the specification documents
 * ({@code specs/edvt/}), the test-format documents of the vectors and the README leads to a file that exists and, with an anchor, to a heading it has; and the check
 * fails on broken links, missing anchors and misplaced EIP links.
 */
class DocumentLinksTest {
  /** Relative to the module directory, where the build runs the tests. */
  private static final Path ROOT = Path.of("../..");
  private static final Path EIP_DRAFT = ROOT.resolve("eip-draft");
  private static final Path EIP_DIRECTORY = EIP_DRAFT.resolve("EIPS");
  private static final Path SPECS = Path.of("specs/edvt");

  private static List<Path> markdownFiles(Path directory, boolean recursive) throws IOException {
    try (Stream<Path> files = recursive ? Files.walk(directory) : Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
    }
  }

  private static String lines(List<DocProblem> problems) {
    return problems.stream().map(DocProblem::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void everyRelativeLinkOfTheEipDraftAndTheSpecificationResolves() throws IOException {
    List<Path> files = new ArrayList<>(markdownFiles(EIP_DRAFT, true));
    files.addAll(markdownFiles(SPECS, false));
    files.addAll(markdownFiles(ROOT.resolve("reference-tests/vectors/formats"), false));
    files.add(ROOT.resolve("README.md"));
    assertThat(files).as("Markdown files checked").hasSizeGreaterThanOrEqualTo(14);
    RelativeLinkCheck check = new RelativeLinkCheck(ROOT, Set.of(EIP_DIRECTORY));
    List<DocProblem> problems = files.stream().flatMap(f -> check.check(f).stream()).toList();
    assertThat(problems).withFailMessage(() -> "broken relative links:\n" + lines(problems)).isEmpty();
    long links = files.stream().mapToLong(f -> {
      try {
        return MarkdownDocument.parse(Files.readString(f)).links().size();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }).sum();
    assertThat(links).as("links found in the checked files (a parser that finds none checks nothing)").isGreaterThan(150);
  }

  @ParameterizedTest(name = "{0} -> #{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "Thresholds with `2 * m <= n`                 | thresholds-with-2--m--n",
      "New `is_valid_threshold_signature`           | new-is_valid_threshold_signature",
      "Modified `beacon_attestation_{subnet_id}`    | modified-beacon_attestation_subnet_id",
      "Why is the sign-off exchange gossip rather than request/response? | why-is-the-sign-off-exchange-gossip-rather-than-requestresponse",
      "A group's balance falls below `n * MIN_ACTIVATION_BALANCE` | a-groups-balance-falls-below-n--min_activation_balance",
      "The gossip domain: gossipsub                 | the-gossip-domain-gossipsub",
      "See [the guide](./validator.md) and *this*   | see-the-guide-and-this",
      "_Emphasis_ and snake_case                    | emphasis-and-snake_case",
      "Ünïcode Überschrift                          | ünïcode-überschrift",
  })
  void computesAnchorsAsGithubDoes(String heading, String anchor) {
    assertThat(MarkdownDocument.slug(heading.strip())).isEqualTo(anchor.strip());
  }

  @Test
  void numbersRepeatedAnchorsAsGithubDoes() {
    Map<String, Integer> seen = new HashMap<>();
    assertThat(List.of("Misc", "Misc", "Misc")).map(h -> MarkdownDocument.anchor(h, seen)).containsExactly("misc", "misc-1", "misc-2");
  }

  @Test
  void reportsAMissingFileAMissingAnchorAndAMissingLocalAnchorWithTheirLines(@TempDir Path root) throws IOException {
    Path specs = Files.createDirectories(root.resolve("specs"));
    Files.writeString(specs.resolve("target.md"), "# Target\n\n## Known section\n\n## Misc\n\n## Misc\n");
    Path source = Files.writeString(specs.resolve("source.md"), String.join("\n",
        "# Source",
        "",
        "Fine: [t](./target.md), [s](./target.md#known-section), [m](target.md#misc-1), [self](#source).",
        "Missing file: [x](./absent.md).",
        "Missing anchor: [y](./target.md#known-sections).",
        "Missing local anchor: [z](#nowhere).",
        "External links are not checked: [w](https://example.com/x.md#y).",
        "`[in code](./absent.md)` and <!-- [in a comment](./absent.md) --> are not links.",
        "```",
        "[in a fence](./absent.md)",
        "```",
        "[ref]: ./also-absent.md"));
    List<DocProblem> problems = new RelativeLinkCheck(root, Set.of()).check(source);
    assertThat(problems).extracting(DocProblem::toString).containsExactly(
        "specs/source.md:4: link `./absent.md`: specs/absent.md does not exist",
        "specs/source.md:5: link `./target.md#known-sections`: no heading of specs/target.md has the anchor"
            + " #known-sections (closest: #known-section)",
        "specs/source.md:6: link `#nowhere`: no heading of specs/source.md has the anchor #nowhere",
        "specs/source.md:12: link `./also-absent.md`: specs/also-absent.md does not exist");
  }

  @Test
  void allowsLinksToOtherEipsOnlyInTheEipsOwnFormAndPlace(@TempDir Path root) throws IOException {
    Path eips = Files.createDirectories(root.resolve("eip-draft/EIPS"));
    Path specs = Files.createDirectories(root.resolve("specs"));
    Path eip = Files.writeString(eips.resolve("eip-edvt.md"),
        "## Abstract\n\n[EIP-7251](./eip-7251.md), [anchored](./eip-7251.md#abstract), [up](../eip-7251.md)\n");
    Path spec = Files.writeString(specs.resolve("doc.md"), "# Doc\n\n[EIP-7251](./eip-7251.md)\n");
    RelativeLinkCheck check = new RelativeLinkCheck(root, Set.of(eips));
    assertThat(check.check(eip)).extracting(DocProblem::toString).containsExactly(
        "eip-draft/EIPS/eip-edvt.md:3: link `./eip-7251.md#abstract`: eip-draft/EIPS/eip-7251.md does not exist"
            + " (a link to another EIP is allowed only in the EIP, as ./eip-N.md without an anchor)",
        "eip-draft/EIPS/eip-edvt.md:3: link `../eip-7251.md`: eip-draft/eip-7251.md does not exist");
    assertThat(check.check(spec)).extracting(DocProblem::toString).containsExactly(
        "specs/doc.md:3: link `./eip-7251.md`: specs/eip-7251.md does not exist"
            + " (a link to another EIP is allowed only in the EIP, as ./eip-N.md without an anchor)");
  }

  @Test
  void rejectsAbsolutePathsAndLinksLeavingTheRepository(@TempDir Path root) throws IOException {
    Path doc = Files.writeString(root.resolve("doc.md"), "# Doc\n\n[a](/etc/passwd) [b](../outside.md)\n");
    assertThat(lines(new RelativeLinkCheck(root, Set.of()).check(doc)))
        .contains("doc.md:3: link `/etc/passwd` is an absolute path")
        .contains("doc.md:3: link `../outside.md` leads outside the repository");
  }
}
