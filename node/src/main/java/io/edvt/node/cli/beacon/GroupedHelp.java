package io.edvt.node.cli.beacon;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option list of {@code edvt beacon-node --help}, one section per concern: each mixin's
 * options under its name, then the command's own ({@code --config-file}, {@code --help}, ...).
 */
final class GroupedHelp {
  private GroupedHelp() {}

  static String optionList(Help help) {
    CommandSpec spec = help.commandSpec();
    StringBuilder out = new StringBuilder();
    Set<String> grouped = new HashSet<>();
    for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
      List<OptionSpec> options = new ArrayList<>();
      for (OptionSpec option : mixin.getValue().options()) {
        OptionSpec own = spec.findOption(option.longestName());
        if (own != null && !own.hidden()) {
          options.add(own);
          grouped.add(own.longestName());
        }
      }
      if (!options.isEmpty()) {
        out.append(String.format("%n%s:%n", mixin.getKey())).append(help.optionListExcludingGroups(options));
      }
    }
    List<OptionSpec> general = spec.options().stream().filter(o -> !grouped.contains(o.longestName()) && !o.hidden()).toList();
    out.append(String.format("%nGeneral:%n")).append(help.optionListExcludingGroups(general));
    return out.toString();
  }
}
