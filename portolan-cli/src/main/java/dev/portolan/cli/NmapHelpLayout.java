package dev.portolan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.IOptionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every option name in one column, as nmap's help has them: picocli puts one-letter options ("-n") in a column
 * of their own and nmap's two-letter ones ("-sn", "-iL") in the next, so related lines would not line up.
 */
final class NmapHelpLayout implements CommandLine.IHelpFactory {
    private static final int SHORT = 1;
    private static final int COMMA = 2;
    private static final int LONG = 3;

    @Override
    public CommandLine.Help create(CommandSpec spec, ColorScheme colors) {
        return new CommandLine.Help(spec, colors) {
            @Override
            public IOptionRenderer createDefaultOptionRenderer() {
                IOptionRenderer standard = super.createDefaultOptionRenderer();
                return (option, labels, scheme) -> {
                    Text[][] rows = standard.render(option, labels, scheme);
                    for (Text[] row : rows) {
                        merge(row, scheme);
                    }
                    return rows;
                };
            }
        };
    }

    private static void merge(Text[] row, ColorScheme scheme) {
        Text shortName = row[SHORT];
        if (shortName.plainString().isBlank()) {
            return;
        }
        Text longPart = row[LONG];
        boolean hasLong = row[COMMA].plainString().contains(",");
        Text merged = hasLong
                ? shortName.concat(", ").concat(longPart)
                : shortName.concat(longPart.plainString().startsWith(" ") ? "" : " ").concat(longPart);
        row[SHORT] = scheme.ansi().new Text("", scheme);
        row[COMMA] = scheme.ansi().new Text("", scheme);
        row[LONG] = merged;
    }
}
