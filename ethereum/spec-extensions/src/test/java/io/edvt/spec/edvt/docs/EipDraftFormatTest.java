package io.edvt.spec.edvt.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The EIP draft follows EIP-1's format (preamble, sections, citations), checked by {@link EipFormatCheck};
 * and the check itself fails on small broken drafts, each breaking one rule.
 */
class EipDraftFormatTest {
  /** Relative to the module directory, where the build runs the tests. */
  private static final Path EIP = Path.of("../../eip-draft/EIPS/eip-edvt.md");
  private static final String NAME = "eip-draft/EIPS/eip-edvt.md";
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

  /** A minimal draft that passes every rule; each test below breaks one thing in it. */
  private static final String VALID = """
      ---
      eip: 9999
      title: Enshrined Distributed Validators
      description: Share one validator's duties among up to 16 keys with an m-of-n threshold
      author: EDVT contributors (@edvt-project), Jane Doe <jane@example.com>
      discussions-to: https://ethereum-magicians.org/t/enshrined-distributed-validators/0
      status: Draft
      type: Standards Track
      category: Core
      created: 2026-11-22
      requires: 7251, 7594
      ---

      ## Abstract

      Groups of keys act for one validator, see [EIP-7251](./eip-7251.md).

      ## Motivation

      Fault tolerance.

      ## Specification

      The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", "SHOULD NOT", "RECOMMENDED", \
      "NOT RECOMMENDED", "MAY", and "OPTIONAL" in this document are to be interpreted as described in \
      [RFC 2119](https://www.rfc-editor.org/rfc/rfc2119) and [RFC 8174](https://www.rfc-editor.org/rfc/rfc8174).

      Members MUST sign. Data columns follow [EIP-7594](./eip-7594.md); EIP-7251 again needs no link.

      ## Rationale

      Because.

      ## Backwards Compatibility

      A fork.

      ## Test Cases

      Vectors.

      ## Reference Implementation

      A client.

      ## Security Considerations

      Thresholds.

      ## Copyright

      Copyright and related rights waived via [CC0](../LICENSE.md).
      """;

  private static List<DocProblem> check(String text) {
    return EipFormatCheck.check(NAME, text, TODAY);
  }

  private static String lines(List<DocProblem> problems) {
    return problems.stream().map(DocProblem::toString).collect(Collectors.joining("\n"));
  }

  /** The problems of {@code VALID} with {@code from} replaced by {@code to} (which must occur in it). */
  private static List<DocProblem> checkWith(String from, String to) {
    assertThat(VALID).contains(from);
    return check(VALID.replace(from, to));
  }

  @Test
  void theEdvtEipFollowsTheFormatOfEip1() throws Exception {
    List<DocProblem> problems = EipFormatCheck.check(NAME, Files.readString(EIP), LocalDate.now(ZoneOffset.UTC));
    assertThat(problems).withFailMessage(() -> "EIP-1 format problems:\n" + lines(problems)).isEmpty();
  }

  @Test
  void acceptsTheMinimalValidDraft() {
    List<DocProblem> problems = check(VALID);
    assertThat(problems).withFailMessage(() -> lines(problems)).isEmpty();
  }

  @Test
  void rejectsAnHtmlCommentInThePreambleAndNamesItsLine() {
    assertThat(checkWith("eip: 9999", "eip: <!-- TBD: number assigned by an editor -->"))
        .extracting(DocProblem::toString)
        .anySatisfy(p -> assertThat(p).isEqualTo(NAME + ":2: HTML comment in the preamble; preamble values must be plain"
            + " text (put notes in the README)"));
  }

  @Test
  void rejectsANonNumericEipNumber() {
    assertThat(lines(checkWith("eip: 9999", "eip: TBD"))).contains(":2: `eip` must be an unsigned integer");
  }

  @Test
  void rejectsAMissingDescription() {
    assertThat(lines(checkWith("description: Share one validator's duties among up to 16 keys with an m-of-n threshold\n", "")))
        .contains("preamble field `description` is missing");
  }

  @Test
  void rejectsFieldsOutOfOrder() {
    String swapped = VALID.replace("status: Draft\ntype: Standards Track", "type: Standards Track\nstatus: Draft");
    assertThat(lines(check(swapped))).contains(":8: preamble field `status` must come before `type`");
  }

  @Test
  void rejectsATitleLongerThan44Characters() {
    assertThat(lines(checkWith("title: Enshrined Distributed Validators", "title: Enshrined Distributed Validators With Threshold Keys")))
        .contains(":3: `title` has 52 characters; EIP-1 allows 2 to 44");
  }

  @Test
  void rejectsATitleNotInTitleCase() {
    assertThat(lines(checkWith("title: Enshrined Distributed Validators", "title: Enshrined distributed validators")))
        .contains("capitalize \"distributed\"");
  }

  @Test
  void acceptsMinorWordsInLowerCaseInsideATitle() {
    assertThat(checkWith("title: Enshrined Distributed Validators", "title: Validators with Keys of a Group")).isEmpty();
  }

  @Test
  void rejectsADescriptionLongerThan140Characters() {
    String longDescription = "description: " + "Shares duties. ".repeat(10).strip();
    assertThat(lines(checkWith("description: Share one validator's duties among up to 16 keys with an m-of-n threshold", longDescription)))
        .contains(":4: `description` has 149 characters; EIP-1 allows 2 to 140");
  }

  @Test
  void rejectsAColonOrTheWordStandardInTheTitle() {
    assertThat(lines(checkWith("title: Enshrined Distributed Validators", "title: Validators: A Standard")))
        .contains("`title` must not contain `:`")
        .contains("must not contain the word \"standard\"");
  }

  @Test
  void rejectsAnAuthorListWithoutGithubHandle() {
    assertThat(lines(checkWith("author: EDVT contributors (@edvt-project), Jane Doe <jane@example.com>", "author: Jane Doe <jane@example.com>")))
        .contains("`author` must name at least one GitHub handle");
  }

  @Test
  void rejectsADiscussionLinkOutsideEthereumMagicians() {
    assertThat(lines(checkWith("https://ethereum-magicians.org/t/enshrined-distributed-validators/0", "https://ethresear.ch/t/native-dvt/23894")))
        .contains(":6: `discussions-to` must be an Ethereum Magicians thread");
  }

  @Test
  void rejectsUnknownStatusTypeAndCategory() {
    String text = VALID.replace("status: Draft", "status: Idea").replace("type: Standards Track", "type: Core")
        .replace("category: Core", "category: ERC");
    assertThat(lines(check(text)))
        .contains(":7: `status` is `Idea`")
        .contains(":8: `type` is `Core`")
        .contains(":9: `category` is `ERC`");
  }

  @Test
  void rejectsAStandardsTrackEipWithoutCategory() {
    assertThat(lines(checkWith("category: Core\n", ""))).contains("`category` is required when `type` is `Standards Track`");
  }

  @Test
  void rejectsAnInvalidOrFutureCreationDate() {
    assertThat(lines(checkWith("created: 2026-11-22", "created: 2026-13-01"))).contains(":10: `created` must be a date in ISO 8601 form");
    assertThat(lines(checkWith("created: 2026-11-22", "created: 22/11/2026"))).contains("`created` must be a date");
    assertThat(lines(checkWith("created: 2026-11-22", "created: 2027-01-01"))).contains("`created` is 2027-01-01, after today");
  }

  @Test
  void rejectsUnsortedRequiresAndBadSeparators() {
    assertThat(lines(checkWith("requires: 7251, 7594", "requires: 7594, 7251")))
        .contains(":11: `requires` must list EIP numbers in strictly ascending order: 7251 after 7594");
    assertThat(lines(checkWith("requires: 7251, 7594", "requires: 7251,7594"))).contains("separated by `, `");
    assertThat(lines(checkWith("requires: 7251, 7594", "requires: 7251, 7251, 7594"))).contains("strictly ascending");
    assertThat(lines(checkWith("requires: 7251, 7594", "requires: 7251, EIP-7594"))).contains("`requires` item `EIP-7594` is not an EIP number");
  }

  @Test
  void rejectsARequiredEipThatTheBodyNeverLinks() {
    assertThat(lines(checkWith("requires: 7251, 7594", "requires: 7251, 7594, 7732")))
        .contains(":11: `requires` lists 7732 but the body never links [EIP-7732](./eip-7732.md)");
  }

  @Test
  void rejectsAMissingSection() {
    assertThat(lines(checkWith("## Test Cases\n\nVectors.\n\n", "")))
        .contains("section `## Test Cases` is missing");
  }

  @Test
  void rejectsSectionsOutOfOrderAndExtraSections() {
    String moved = VALID.replace("## Rationale\n\nBecause.\n\n", "").replace("## Copyright", "## Rationale\n\nBecause.\n\n## Copyright");
    assertThat(lines(check(moved))).contains("section `Rationale` is out of order");
    assertThat(lines(checkWith("## Motivation", "## Background"))).contains("section `Background` is not an EIP-1 section");
  }

  @Test
  void ignoresHeadingsInsideCodeBlocks() {
    assertThat(checkWith("Vectors.", "```python\n## Not a section\n# [New in EDVT]\n```")).isEmpty();
  }

  @Test
  void rejectsASpecificationWithoutTheRfc2119Paragraph() {
    assertThat(lines(checkWith("The key words \"MUST\"", "Key words \"MUST\"")))
        .contains(":22: the Specification must open with EIP-1's RFC 2119 / RFC 8174 key-words paragraph");
  }

  @Test
  void rejectsRfc2119KeywordsOutsideTheSpecification() {
    assertThat(lines(checkWith("Because.", "Clients MUST warn.")))
        .contains("RFC 2119 keyword MUST outside the Specification");
    assertThat(checkWith("Because.", "Clients must warn; `MUST` in code is fine.")).isEmpty();
  }

  @Test
  void rejectsAnyOtherCopyrightText() {
    assertThat(lines(checkWith("waived via [CC0](../LICENSE.md).", "waived via CC0.")))
        .contains("the Copyright section must read exactly");
  }

  @Test
  void rejectsAFirstCitationThatIsNotALink() {
    assertThat(lines(checkWith("see [EIP-7251](./eip-7251.md).", "see EIP-7251.")))
        .contains(":16: the first citation of EIP-7251 must be a link, [EIP-7251](./eip-7251.md)");
  }

  @Test
  void rejectsCitationsInBackticksOrWithoutDash() {
    assertThat(lines(checkWith("Fault tolerance.", "Unlike `EIP-7002` and EIP 7251.")))
        .contains("EIP citation in backticks: `EIP-7002`")
        .contains("cite other EIPs as EIP-N with a dash, not \"EIP 7251\"");
  }

  @Test
  void rejectsADraftWithoutPreamble() {
    assertThat(lines(check("## Abstract\n\nText.\n"))).contains(NAME + ":1: the EIP must begin with a preamble");
  }
}
