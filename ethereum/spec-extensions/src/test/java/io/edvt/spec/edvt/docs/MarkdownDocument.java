package io.edvt.spec.edvt.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a GitHub-flavoured Markdown file that the document checks need: which lines are rendered
 * text (not front matter, fenced code or HTML comments), the ATX headings with the anchors GitHub gives them,
 * and the links. Setext headings and HTML anchors are not recognised; the EDVT documents use neither.
 */
final class MarkdownDocument {
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  /** {@code [text](target "title")} or {@code ![alt](<target>)}; group 1 is the text, group 2 the target. */
  private static final Pattern INLINE_LINK =
      Pattern.compile("!?\\[((?:[^\\]\\\\]|\\\\.)*)\\]\\(\\s*(<[^>]*>|[^\\s()]*(?:\\([^\\s()]*\\)[^\\s()]*)*)(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
  private static final Pattern MARKDOWN_LINK_OR_IMAGE = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^>]*>");
  private static final Pattern EMPHASIS_UNDERSCORES = Pattern.compile("(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}])");
  private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

  /** A heading: 1-based line, level (number of {@code #}), its Markdown text and its GitHub anchor. */
  record Heading(int line, int level, String text, String anchor) {}

  /** A link: 1-based line, the link text as written (empty for reference definitions) and the raw target. */
  record Link(int line, String text, String target) {}

  private final List<String> lines;
  private final boolean[] rendered;
  private final int frontMatterEnd;
  private final List<Heading> headings = new ArrayList<>();

  private MarkdownDocument(List<String> lines) {
    this.lines = lines;
    this.rendered = new boolean[lines.size()];
    this.frontMatterEnd = frontMatterEnd(lines);
    String fence = null;
    boolean inComment = false;
    Map<String, Integer> occurrences = new HashMap<>();
    for (int i = frontMatterEnd; i < lines.size(); i++) {
      String line = lines.get(i);
      if (fence != null) {
        Matcher close = FENCE.matcher(line);
        if (close.find() && close.group(1).charAt(0) == fence.charAt(0) && close.group(1).length() >= fence.length()
            && line.substring(close.end()).isBlank()) {
          fence = null;
        }
        continue;
      }
      if (inComment) {
        inComment = !line.contains("-->");
        continue;
      }
      Matcher open = FENCE.matcher(line);
      if (open.find()) {
        fence = open.group(1);
        continue;
      }
      int comment = line.indexOf("<!--");
      if (comment >= 0 && line.indexOf("-->", comment) < 0) {
        inComment = true;
      }
      if (withoutComments(line).isBlank() && !line.isBlank()) {
        continue;
      }
      rendered[i] = true;
      Matcher heading = HEADING.matcher(line);
      if (heading.matches() && !heading.group(2).isEmpty()) {
        headings.add(new Heading(i + 1, heading.group(1).length(), heading.group(2), anchor(heading.group(2), occurrences)));
      }
    }
  }

  static MarkdownDocument parse(String text) {
    return new MarkdownDocument(text.lines().toList());
  }

  /** Index of the first line after a leading {@code ---} front matter block, or 0 when there is none. */
  private static int frontMatterEnd(List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).equals("---")) {
      return 0;
    }
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).equals("---")) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Number of lines of the front matter block, delimiters included (0 when there is none). */
  int frontMatterLineCount() {
    return frontMatterEnd;
  }

  List<String> lines() {
    return lines;
  }

  /** Whether the 1-based {@code line} is rendered as Markdown text: not front matter, code block or comment. */
  boolean isRendered(int line) {
    return rendered[line - 1];
  }

  List<Heading> headings() {
    return headings;
  }

  /** Every link of the rendered text: inline links and images, and reference definitions. */
  List<Link> links() {
    List<Link> links = new ArrayList<>();
    for (int line = 1; line <= lines.size(); line++) {
      if (!isRendered(line)) {
        continue;
      }
      String text = withoutCodeSpans(withoutComments(lines.get(line - 1)));
      Matcher definition = REFERENCE_DEFINITION.matcher(text);
      if (definition.find()) {
        links.add(new Link(line, "", unbracket(definition.group(1))));
        continue;
      }
      Matcher link = INLINE_LINK.matcher(text);
      while (link.find()) {
        links.add(new Link(line, link.group(1), unbracket(link.group(2))));
      }
    }
    return links;
  }

  /**
   * {@code text} with HTML comments ({@code <!-- ... -->}, or from an unclosed {@code <!--} to the end) replaced
   * by spaces of the same length.
   */
  static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text);
    int start = text.indexOf("<!--");
    while (start >= 0) {
      int close = text.indexOf("-->", start + 4);
      int end = close < 0 ? text.length() : close + 3;
      for (int i = start; i < end; i++) {
        out.setCharAt(i, ' ');
      }
      start = close < 0 ? -1 : text.indexOf("<!--", end);
    }
    return out.toString();
  }

  /** {@code text} with every code span replaced by spaces of the same length, so columns stay where they were. */
  static String withoutCodeSpans(String text) {
    Matcher span = CODE_SPAN.matcher(text);
    StringBuilder out = new StringBuilder(text);
    while (span.find()) {
      for (int i = span.start(); i < span.end(); i++) {
        out.setCharAt(i, ' ');
      }
    }
    return out.toString();
  }

  /** The contents of the code spans of {@code text}. */
  static List<String> codeSpans(String text) {
    List<String> spans = new ArrayList<>();
    Matcher span = CODE_SPAN.matcher(text);
    while (span.find()) {
      spans.add(span.group(2));
    }
    return spans;
  }

  private static String unbracket(String target) {
    return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
  }

  /**
   * The anchor GitHub gives a heading (github-slugger): the rendered text (code spans keep their content,
   * links their text, emphasis and tags disappear) in lower case, without punctuation other than {@code -}
   * and {@code _}, spaces turned into {@code -}; a repeated anchor gets {@code -1}, {@code -2}, ...
   */
  static String anchor(String headingText, Map<String, Integer> occurrences) {
    String base = slug(headingText);
    String result = base;
    while (occurrences.containsKey(result)) {
      int count = occurrences.merge(base, 1, Integer::sum);
      result = base + "-" + count;
    }
    occurrences.put(result, 0);
    return result;
  }

  static String slug(String headingText) {
    StringBuilder rendered = new StringBuilder();
    Matcher span = CODE_SPAN.matcher(headingText);
    int last = 0;
    while (span.find()) {
      rendered.append(renderInline(headingText.substring(last, span.start()))).append(span.group(2));
      last = span.end();
    }
    rendered.append(renderInline(headingText.substring(last)));
    String lower = rendered.toString().toLowerCase(Locale.ROOT);
    return NOT_IN_SLUG.matcher(lower).replaceAll("").replace(' ', '-');
  }

  private static String renderInline(String markdown) {
    String text = MARKDOWN_LINK_OR_IMAGE.matcher(markdown).replaceAll("$1");
    text = HTML_TAG.matcher(text).replaceAll("");
    return EMPHASIS_UNDERSCORES.matcher(text).replaceAll("");
  }
}
