package io.edvt.simulator.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes {@code report.md}, {@code index.html} (the same content with the plots shown) and the CSVs. */
public final class ReportWriter {
  private ReportWriter() {}

  public static void write(Path out, List<Section> sections, String command, long seed, boolean quick, double seconds) {
    try {
      Files.createDirectories(out);
      StringBuilder md = new StringBuilder();
      md.append("# EDVT simulator report\n\n");
      md.append("Reproduce with `").append(command).append("` (seed ").append(seed).append(quick ? ", quick sizes" : ", full sizes")
          .append("); total time ").append(Progress.duration(seconds)).append(".\n\n");
      md.append("Every figure says where it comes from: **full stack** means the real EDVT state transition and fork choice "
          + "(the code the reference vectors check) drove a simulated chain, with signatures neither made nor checked; "
          + "**model** means a faster computation whose agreement with the full stack on a small case is checked by a test "
          + "(named in the section).\n\n");
      for (Section s : sections) {
        md.append("- [").append(s.title).append("](#").append(s.name).append(")\n");
      }
      md.append('\n');
      for (Section s : sections) {
        md.append("<a id=\"").append(s.name).append("\"></a>\n\n## ").append(s.title).append(" (`").append(s.name).append("`)\n\n");
        md.append("**Question.** ").append(s.question).append("\n\n");
        md.append("**Where the numbers come from.** ").append(s.provenance).append("\n\n");
        if (!s.sentences.isEmpty()) {
          md.append("**For the EIP.**\n\n");
          for (Map.Entry<String, String> e : s.sentences.entrySet()) {
            md.append("- `").append(e.getKey()).append("`: ").append(e.getValue()).append('\n');
          }
          md.append('\n');
        }
        for (Table t : s.tables) {
          t.writeCsv(out);
          md.append("Table `").append(t.name()).append(".csv`:\n\n").append(t.markdown()).append('\n');
        }
        for (String[] p : s.plots) {
          md.append("![").append(p[1]).append("](").append(p[0]).append(")\n\n*").append(p[1]).append("*\n\n");
        }
        for (String n : s.notes) {
          md.append("- ").append(n).append('\n');
        }
        if (!s.notes.isEmpty()) {
          md.append('\n');
        }
        md.append("<details><summary>Parameters</summary>\n\n```yaml\n").append(yaml(s.parameters, "")).append("```\n\n</details>\n\n");
        md.append("Run time: ").append(Progress.duration(s.seconds)).append(".\n\n");
      }
      Files.writeString(out.resolve("report.md"), md);
      Files.writeString(out.resolve("index.html"), html(md.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static String yaml(Map<String, Object> map, String indent) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> m) {
        out.append(indent).append(e.getKey()).append(":\n").append(yaml((Map<String, Object>) m, indent + "  "));
      } else {
        out.append(indent).append(e.getKey()).append(": ").append(e.getValue()).append('\n');
      }
    }
    return out.toString();
  }

  /** A small Markdown-to-HTML rendering: headings, tables, images, lists, code blocks, paragraphs. */
  static String html(String md) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>EDVT simulator report</title>"
        + "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;line-height:1.4}table{border-collapse:collapse;"
        + "margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}img{max-width:100%;border:1px solid #ddd}"
        + "code{background:#f4f4f4}pre{background:#f4f4f4;padding:8px}</style></head><body>\n");
    String[] lines = md.split("\n");
    boolean inTable = false;
    boolean inList = false;
    boolean inCode = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        out.append(inCode ? "</pre>\n" : "<pre>");
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        out.append(esc(line)).append('\n');
        continue;
      }
      if (inTable && !line.startsWith("|")) {
        out.append("</table>\n");
        inTable = false;
      }
      if (inList && !line.startsWith("- ")) {
        out.append("</ul>\n");
        inList = false;
      }
      if (line.startsWith("|")) {
        String[] cells = line.substring(1, line.length() - 1).split("\\|");
        if (cells.length > 0 && cells[0].trim().equals("---")) {
          continue;
        }
        String tag = inTable ? "td" : "th";
        out.append(inTable ? "" : "<table>").append("<tr>");
        for (String c : cells) {
          out.append('<').append(tag).append('>').append(inline(c.trim())).append("</").append(tag).append('>');
        }
        out.append("</tr>\n");
        inTable = true;
      } else if (line.startsWith("## ")) {
        out.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
      } else if (line.startsWith("# ")) {
        out.append("<h1>").append(inline(line.substring(2))).append("</h1>\n");
      } else if (line.startsWith("![")) {
        int close = line.indexOf("](");
        String alt = line.substring(2, close);
        String src = line.substring(close + 2, line.length() - 1);
        out.append("<p><img src=\"").append(esc(src)).append("\" alt=\"").append(esc(alt)).append("\"></p>\n");
      } else if (line.startsWith("- ")) {
        out.append(inList ? "" : "<ul>").append("<li>").append(inline(line.substring(2))).append("</li>\n");
        inList = true;
      } else if (line.startsWith("<")) {
        out.append(line).append('\n');
      } else if (!line.isBlank()) {
        out.append("<p>").append(inline(line)).append("</p>\n");
      }
    }
    if (inTable) {
      out.append("</table>\n");
    }
    return out.append("</body></html>\n").toString();
  }

  private static String inline(String s) {
    String e = esc(s);
    e = e.replaceAll("`([^`]*)`", "<code>$1</code>");
    e = e.replaceAll("\\*\\*([^*]*)\\*\\*", "<b>$1</b>");
    e = e.replaceAll("\\*([^*]+)\\*", "<i>$1</i>");
    e = e.replaceAll("\\[([^\\]]*)\\]\\(([^)]*)\\)", "<a href=\"$2\">$1</a>");
    return e;
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
