package io.edvt.spec.edvt.docs;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format rules of EIP-1 and of the EIPs repository's linter (eipw, {@code config/eipw.toml}) that an EIP
 * draft can break: the preamble (fields, order, values, lengths, title case, sorted {@code requires}, date),
 * the sections and their order, the RFC 2119 paragraph, the copyright waiver, and how other EIPs are cited.
 * Each rule reports the line it concerns.
 */
final class EipFormatCheck {
  /** Preamble fields in the order EIP-1 requires (eipw {@code preamble-order}). */
  static final List<String> FIELD_ORDER = List.of(
      "eip", "title", "description", "author", "discussions-to", "status", "last-call-deadline", "type",
      "category", "created", "requires", "withdrawal-reason");
  static final List<String> REQUIRED_FIELDS =
      List.of("eip", "title", "description", "author", "discussions-to", "status", "type", "created");
  static final Set<String> STATUSES = Set.of("Draft", "Review", "Last Call", "Final", "Stagnant", "Withdrawn", "Living");
  static final Set<String> TYPES = Set.of("Standards Track", "Meta", "Informational");
  /** eipw's list for the EIPs repository (ERCs live in their own repository). */
  static final Set<String> CATEGORIES = Set.of("Core", "Networking", "Interface");
  /** The sections this project requires of its EIP, all of EIP-1's, in EIP-1's order. */
  static final List<String> SECTIONS = List.of(
      "Abstract", "Motivation", "Specification", "Rationale", "Backwards Compatibility", "Test Cases",
      "Reference Implementation", "Security Considerations", "Copyright");
  static final String COPYRIGHT = "Copyright and related rights waived via [CC0](../LICENSE.md).";
  static final String RFC_2119 = "The key words \"MUST\", \"MUST NOT\", \"REQUIRED\", \"SHALL\", \"SHALL NOT\", \"SHOULD\","
      + " \"SHOULD NOT\", \"RECOMMENDED\", \"NOT RECOMMENDED\", \"MAY\", and \"OPTIONAL\" in this document are to be"
      + " interpreted as described in RFC 2119 and RFC 8174.";
  static final int TITLE_MAX = 44;
  static final int DESCRIPTION_MAX = 140;

  private static final Pattern FIELD = Pattern.compile("^([A-Za-z-]+):(.*)$");
  private static final Pattern AUTHOR_WITH_HANDLE = Pattern.compile("^[^()<>,@]+ \\(@[a-zA-Z\\d-]+\\)( <[^@][^>]*@[^>]+\\.[^>]+>)?$");
  private static final Pattern AUTHOR_WITHOUT_HANDLE = Pattern.compile("^[^()<>,@]+( <[^@][^>]*@[^>]+\\.[^>]+>)?$");
  private static final Pattern MAGICIANS_THREAD = Pattern.compile("^https://ethereum-magicians\\.org/t/[^/]+/[0-9]+$");
  private static final Pattern EIP_REFERENCE = Pattern.compile("(?i)\\b(?:eip|erc)-([0-9]+)\\b");
  private static final Pattern EIP_WITHOUT_DASH = Pattern.compile("(?i)\\b(?:eip|erc)\\s*[0-9]+");
  private static final Pattern SIBLING_EIP_LINK = Pattern.compile("^\\./eip-([0-9]+)\\.md$");
  private static final Pattern RFC_KEYWORD =
      Pattern.compile("\\b(MUST NOT|MUST|REQUIRED|SHALL NOT|SHALL|SHOULD NOT|SHOULD|NOT RECOMMENDED|RECOMMENDED|MAY|OPTIONAL)\\b");
  private static final Pattern INLINE_LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]*)[^)]*\\)");
  /** Words a title in title case leaves in lower case unless first or last (Chicago-style minor words). */
  private static final Set<String> MINOR_WORDS = Set.of(
      "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
      "per", "to", "up", "via", "vs", "with", "from", "into", "over", "than");

  private final String file;
  private final LocalDate today;
  private final List<DocProblem> problems = new ArrayList<>();

  private EipFormatCheck(String file, LocalDate today) {
    this.file = file;
    this.today = today;
  }

  /** Every format problem of the EIP {@code text}, named {@code file} in the messages; {@code today} bounds {@code created}. */
  static List<DocProblem> check(String file, String text, LocalDate today) {
    EipFormatCheck check = new EipFormatCheck(file, today);
    MarkdownDocument document = MarkdownDocument.parse(text);
    Map<String, Field> preamble = check.preamble(document);
    if (preamble != null) {
      check.body(document, preamble);
    }
    return check.problems;
  }

  private record Field(String name, String value, int line) {}

  private void report(int line, String message) {
    problems.add(new DocProblem(file, line, message));
  }

  // ----- preamble

  private Map<String, Field> preamble(MarkdownDocument document) {
    int end = document.frontMatterLineCount();
    if (end == 0) {
      report(1, "the EIP must begin with a preamble between two `---` lines (EIP-1, \"EIP Header Preamble\")");
      return null;
    }
    Map<String, Field> fields = new LinkedHashMap<>();
    List<String> lines = document.lines();
    for (int line = 2; line < end; line++) {
      String text = lines.get(line - 1);
      if (text.contains("<!--") || text.contains("-->")) {
        report(line, "HTML comment in the preamble; preamble values must be plain text (put notes in the README)");
        continue;
      }
      Matcher field = FIELD.matcher(text);
      if (!field.matches()) {
        report(line, "preamble line is not `name: value`: " + text);
        continue;
      }
      String name = field.group(1);
      String raw = field.group(2);
      if (!raw.startsWith(" ") || raw.isBlank()) {
        report(line, "preamble field `" + name + "` needs `: ` followed by a value");
      } else if (!raw.substring(1).equals(raw.strip())) {
        report(line, "preamble field `" + name + "` has extra whitespace around its value");
      }
      if (!FIELD_ORDER.contains(name)) {
        report(line, "unknown preamble field `" + name + "`; EIP-1 allows " + FIELD_ORDER);
        continue;
      }
      if (fields.containsKey(name)) {
        report(line, "preamble field `" + name + "` repeats line " + fields.get(name).line());
        continue;
      }
      fields.put(name, new Field(name, raw.strip(), line));
    }
    checkOrder(fields);
    for (String name : REQUIRED_FIELDS) {
      if (!fields.containsKey(name)) {
        report(1, "preamble field `" + name + "` is missing (EIP-1 requires " + REQUIRED_FIELDS + ")");
      }
    }
    fields.values().forEach(field -> checkField(field, fields));
    requiredIf(fields, "type", "Standards Track", "category");
    requiredIf(fields, "status", "Last Call", "last-call-deadline");
    requiredIf(fields, "status", "Withdrawn", "withdrawal-reason");
    return fields;
  }

  private void checkOrder(Map<String, Field> fields) {
    Field previous = null;
    for (Field field : fields.values()) {
      if (previous != null && FIELD_ORDER.indexOf(field.name()) < FIELD_ORDER.indexOf(previous.name())) {
        report(field.line(), "preamble field `" + field.name() + "` must come before `" + previous.name()
            + "` (EIP-1 order: " + FIELD_ORDER + ")");
      }
      previous = field;
    }
  }

  private void requiredIf(Map<String, Field> fields, String name, String value, String required) {
    Field field = fields.get(name);
    if (field != null && field.value().equals(value) && !fields.containsKey(required)) {
      report(field.line(), "preamble field `" + required + "` is required when `" + name + "` is `" + value + "`");
    }
  }

  private void checkField(Field field, Map<String, Field> fields) {
    String value = field.value();
    int line = field.line();
    switch (field.name()) {
      case "eip" -> {
        if (!value.matches("[0-9]+")) {
          report(line, "`eip` must be an unsigned integer (eipw `preamble-uint`), not `" + value + "`");
        }
      }
      case "title" -> {
        checkLength(field, TITLE_MAX);
        checkPhrase(field, fields);
        checkTitleCase(field);
      }
      case "description" -> {
        checkLength(field, DESCRIPTION_MAX);
        checkPhrase(field, fields);
        if (!value.isEmpty() && !Character.isUpperCase(value.codePointAt(0))) {
          report(line, "`description` must be a sentence in sentence case: it begins with a capital letter");
        }
      }
      case "author" -> checkAuthors(field);
      case "discussions-to" -> {
        if (!MAGICIANS_THREAD.matcher(value).matches()) {
          report(line, "`discussions-to` must be an Ethereum Magicians thread, https://ethereum-magicians.org/t/<slug>/<id>"
              + " (eipw `preamble-re-discussions-to`), not `" + value + "`");
        }
      }
      case "status" -> oneOf(field, STATUSES);
      case "type" -> oneOf(field, TYPES);
      case "category" -> oneOf(field, CATEGORIES);
      case "created", "last-call-deadline" -> checkDate(field);
      case "requires" -> checkRequires(field, fields);
      default -> {
        // withdrawal-reason: free text
      }
    }
  }

  private void checkLength(Field field, int max) {
    int length = field.value().codePointCount(0, field.value().length());
    if (length < 2 || length > max) {
      report(field.line(), "`" + field.name() + "` has " + length + " characters; EIP-1 allows 2 to " + max);
    }
  }

  /** Rules shared by title and description: no colon, no "standard", EIP references only to required EIPs. */
  private void checkPhrase(Field field, Map<String, Field> fields) {
    String value = field.value();
    if (value.contains(":")) {
      report(field.line(), "`" + field.name() + "` must not contain `:`");
    }
    if (value.matches("(?i).*standar\\w*\\b.*")) {
      report(field.line(), "`" + field.name() + "` must not contain the word \"standard\" or a variant (EIP-1 style guide)");
    }
    Set<Long> required = requiredNumbers(fields);
    Matcher reference = EIP_REFERENCE.matcher(value);
    while (reference.find()) {
      long number = Long.parseLong(reference.group(1));
      if (fields.containsKey("eip") && fields.get("eip").value().equals(String.valueOf(number))) {
        report(field.line(), "`" + field.name() + "` must not include the EIP's own number");
      } else if (!required.contains(number)) {
        report(field.line(), "`" + field.name() + "` cites " + reference.group() + ", which `requires` must then list");
      }
    }
  }

  private void checkTitleCase(Field field) {
    String[] words = field.value().split(" +");
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      if (word.isEmpty() || !Character.isLetter(word.codePointAt(0))) {
        continue;
      }
      boolean minor = MINOR_WORDS.contains(word.toLowerCase()) && i > 0 && i < words.length - 1;
      if (!minor && !Character.isUpperCase(word.codePointAt(0))) {
        report(field.line(), "`title` must be in title case (EIP-1 style guide): capitalize \"" + word + "\"");
      }
    }
  }

  private void checkAuthors(Field field) {
    boolean handle = false;
    for (String author : field.value().split(",")) {
      String trimmed = author.strip();
      if (AUTHOR_WITH_HANDLE.matcher(trimmed).matches()) {
        handle = true;
      } else if (!AUTHOR_WITHOUT_HANDLE.matcher(trimmed).matches()) {
        report(field.line(), "author \"" + trimmed + "\" must read `Name (@github-handle)`, `Name <email>` or `Name`");
      }
    }
    if (!handle) {
      report(field.line(), "`author` must name at least one GitHub handle, as `Name (@handle)` (EIP-1)");
    }
  }

  private void oneOf(Field field, Set<String> allowed) {
    if (!allowed.contains(field.value())) {
      report(field.line(), "`" + field.name() + "` is `" + field.value() + "`; allowed: " + new TreeSet<>(allowed));
    }
  }

  private void checkDate(Field field) {
    try {
      if (!field.value().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
        throw new DateTimeParseException("not yyyy-mm-dd", field.value(), 0);
      }
      LocalDate date = LocalDate.parse(field.value());
      if (field.name().equals("created") && date.isAfter(today)) {
        report(field.line(), "`created` is " + date + ", after today (" + today + ")");
      }
    } catch (DateTimeParseException e) {
      report(field.line(), "`" + field.name() + "` must be a date in ISO 8601 form yyyy-mm-dd, not `" + field.value() + "`");
    }
  }

  private void checkRequires(Field field, Map<String, Field> fields) {
    String[] items = field.value().split(",", -1);
    long previous = 0;
    for (int i = 0; i < items.length; i++) {
      String item = items[i];
      String number = item.strip();
      if (i > 0 && !item.equals(" " + number)) {
        report(field.line(), "`requires` items are separated by `, ` (comma and one space): `" + field.value() + "`");
      }
      if (!number.matches("[1-9][0-9]*")) {
        report(field.line(), "`requires` item `" + number + "` is not an EIP number");
        continue;
      }
      long value = Long.parseLong(number);
      if (value <= previous) {
        report(field.line(), "`requires` must list EIP numbers in strictly ascending order: " + value + " after " + previous);
      }
      if (fields.containsKey("eip") && fields.get("eip").value().equals(number)) {
        report(field.line(), "`requires` lists the EIP's own number " + number);
      }
      previous = Math.max(previous, value);
    }
  }

  private static Set<Long> requiredNumbers(Map<String, Field> fields) {
    Set<Long> numbers = new TreeSet<>();
    Field requires = fields.get("requires");
    if (requires != null) {
      for (String item : requires.value().split(",")) {
        if (item.strip().matches("[0-9]+")) {
          numbers.add(Long.parseLong(item.strip()));
        }
      }
    }
    return numbers;
  }

  // ----- body

  private void body(MarkdownDocument document, Map<String, Field> preamble) {
    List<MarkdownDocument.Heading> sections =
        document.headings().stream().filter(h -> h.level() == 2).toList();
    checkSections(document, sections);
    String ownNumber = preamble.containsKey("eip") ? preamble.get("eip").value() : "";
    checkEipReferences(document, ownNumber, requiredNumbers(preamble), preamble.get("requires"));
    checkSectionTexts(document, sections);
  }

  private void checkSections(MarkdownDocument document, List<MarkdownDocument.Heading> sections) {
    MarkdownDocument.Heading first = document.headings().isEmpty() ? null : document.headings().get(0);
    for (int line = document.frontMatterLineCount() + 1; line <= document.lines().size(); line++) {
      if (document.isRendered(line) && !document.lines().get(line - 1).isBlank()) {
        if (first == null || first.line() != line) {
          report(line, "the body must begin with a heading (eipw `markdown-heading-first`)");
        }
        break;
      }
    }
    int expected = 0;
    Map<String, Integer> seen = new HashMap<>();
    for (MarkdownDocument.Heading section : sections) {
      String title = section.text();
      if (seen.containsKey(title)) {
        report(section.line(), "section `" + title + "` repeats line " + seen.get(title));
        continue;
      }
      seen.put(title, section.line());
      int index = SECTIONS.indexOf(title);
      if (index < 0) {
        report(section.line(), "section `" + title + "` is not an EIP-1 section; use one of " + SECTIONS
            + " (subsections are `###`)");
      } else if (index < expected) {
        report(section.line(), "section `" + title + "` is out of order; EIP-1's order is " + SECTIONS);
      } else {
        expected = index;
      }
    }
    int end = document.lines().size();
    for (String title : SECTIONS) {
      if (!seen.containsKey(title)) {
        report(end, "section `## " + title + "` is missing (required here, in the order " + SECTIONS + ")");
      }
    }
  }

  /** The rendered lines of section {@code title} as (line number, text), or an empty map when absent. */
  private static Map<Integer, String> sectionLines(
      MarkdownDocument document, List<MarkdownDocument.Heading> sections, String title) {
    Map<Integer, String> lines = new TreeMap<>();
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).text().equals(title)) {
        int end = i + 1 < sections.size() ? sections.get(i + 1).line() : document.lines().size() + 1;
        for (int line = sections.get(i).line() + 1; line < end; line++) {
          if (document.isRendered(line)) {
            lines.put(line, document.lines().get(line - 1));
          }
        }
      }
    }
    return lines;
  }

  private void checkSectionTexts(MarkdownDocument document, List<MarkdownDocument.Heading> sections) {
    Map<Integer, String> specification = sectionLines(document, sections, "Specification");
    if (!specification.isEmpty()) {
      String firstParagraph = firstParagraph(specification);
      String plain = INLINE_LINK.matcher(firstParagraph).replaceAll("$1");
      if (!plain.equals(RFC_2119)) {
        report(specification.keySet().iterator().next() - 1,
            "the Specification must open with EIP-1's RFC 2119 / RFC 8174 key-words paragraph: " + RFC_2119);
      }
    }
    Map<Integer, String> copyright = sectionLines(document, sections, "Copyright");
    if (!copyright.isEmpty() && !firstParagraph(copyright).equals(COPYRIGHT)) {
      report(copyright.keySet().iterator().next(), "the Copyright section must read exactly: " + COPYRIGHT);
    }
    for (MarkdownDocument.Heading section : sections) {
      if (section.text().equals("Specification")) {
        continue;
      }
      sectionLines(document, sections, section.text()).forEach((line, text) -> {
        Matcher keyword = RFC_KEYWORD.matcher(MarkdownDocument.withoutCodeSpans(MarkdownDocument.withoutComments(text)));
        if (keyword.find()) {
          report(line, "RFC 2119 keyword " + keyword.group() + " outside the Specification (EIP-1 style guide);"
              + " write it in lower case or move the requirement");
        }
      });
    }
  }

  /** The first paragraph of {@code lines}, joined with spaces. */
  private static String firstParagraph(Map<Integer, String> lines) {
    StringBuilder paragraph = new StringBuilder();
    for (String text : lines.values()) {
      if (text.isBlank()) {
        if (!paragraph.isEmpty()) {
          break;
        }
        continue;
      }
      paragraph.append(paragraph.isEmpty() ? "" : " ").append(text.strip());
    }
    return paragraph.toString();
  }

  /**
   * Other EIPs are cited as {@code EIP-N}, never in backticks or without the dash, and the first citation of
   * each is a link to {@code ./eip-N.md} (eipw {@code markdown-link-first}); every required EIP is linked.
   */
  private void checkEipReferences(MarkdownDocument document, String ownNumber, Set<Long> required, Field requires) {
    Set<String> cited = new HashSet<>();
    Set<Long> linked = new HashSet<>();
    for (int line = document.frontMatterLineCount() + 1; line <= document.lines().size(); line++) {
      if (!document.isRendered(line)) {
        continue;
      }
      String raw = MarkdownDocument.withoutComments(document.lines().get(line - 1));
      for (String span : MarkdownDocument.codeSpans(raw)) {
        if (EIP_REFERENCE.matcher(span).find()) {
          report(line, "EIP citation in backticks: `" + span + "`; write EIP-N as plain text (eipw `markdown-no-backticks`)");
        }
      }
      String text = MarkdownDocument.withoutCodeSpans(raw);
      // Link targets are not text; blank them but remember which text ranges link where.
      List<int[]> linkTexts = new ArrayList<>();
      List<String> linkTargets = new ArrayList<>();
      StringBuilder visible = new StringBuilder(text);
      Matcher link = INLINE_LINK.matcher(text);
      while (link.find()) {
        linkTexts.add(new int[] {link.start(1), link.end(1)});
        linkTargets.add(link.group(2));
        for (int i = link.end(1); i < link.end(); i++) {
          visible.setCharAt(i, ' ');
        }
        Matcher sibling = SIBLING_EIP_LINK.matcher(link.group(2));
        if (sibling.matches()) {
          linked.add(Long.parseLong(sibling.group(1)));
        }
      }
      Matcher undashed = EIP_WITHOUT_DASH.matcher(visible);
      while (undashed.find()) {
        report(line, "cite other EIPs as EIP-N with a dash, not \"" + undashed.group() + "\" (EIP-1)");
      }
      Matcher reference = EIP_REFERENCE.matcher(visible);
      while (reference.find()) {
        String number = String.valueOf(Long.parseLong(reference.group(1)));
        if (number.equals(ownNumber) || !cited.add(number)) {
          continue;
        }
        boolean isLink = false;
        for (int i = 0; i < linkTexts.size(); i++) {
          int[] range = linkTexts.get(i);
          if (reference.start() >= range[0] && reference.end() <= range[1]
              && linkTargets.get(i).equals("./eip-" + number + ".md")) {
            isLink = true;
          }
        }
        if (!isLink) {
          report(line, "the first citation of " + reference.group() + " must be a link, [EIP-" + number + "](./eip-"
              + number + ".md) (EIP-1, eipw `markdown-link-first`)");
        }
      }
    }
    if (requires != null) {
      for (long number : required) {
        if (!linked.contains(number)) {
          report(requires.line(), "`requires` lists " + number + " but the body never links [EIP-" + number
              + "](./eip-" + number + ".md)");
        }
      }
    }
  }
}
