package io.github.execmodels.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns benchmark figures into the SVG bar charts of docs/benchmarks.md.
 *
 * <p>Input: a CSV file with the header {@code chart,label,value,unit} (one line per bar; the chart's title is its
 * first column, lines of one chart stay together). Output: one {@code <chart-slug>.svg} per chart in the output
 * folder. Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.Charts
 * benchmarks/results/figures.csv docs/charts}.
 */
public final class Charts {

    private static final int WIDTH = 640;
    private static final int BAR_HEIGHT = 22;
    private static final int LABEL_WIDTH = 230;

    private Charts() {
    }

    record Bar(String label, double value, String unit) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Charts <figures.csv> <output folder>");
            System.exit(2);
        }
        Map<String, List<Bar>> charts = read(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (Map.Entry<String, List<Bar>> chart : charts.entrySet()) {
            Path file = out.resolve(slug(chart.getKey()) + ".svg");
            Files.writeString(file, svg(chart.getKey(), chart.getValue()), StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        }
    }

    static Map<String, List<Bar>> read(Path csv) throws IOException {
        Map<String, List<Bar>> charts = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 4) {
                throw new IllegalArgumentException(csv + ":" + (i + 1) + ": expected chart,label,value,unit");
            }
            charts.computeIfAbsent(cells[0].trim(), k -> new ArrayList<>())
                    .add(new Bar(cells[1].trim(), Double.parseDouble(cells[2].trim()), cells[3].trim()));
        }
        return charts;
    }

    static String svg(String title, List<Bar> bars) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        int height = 40 + bars.size() * (BAR_HEIGHT + 8) + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"13\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "  <text x=\"10\" y=\"22\" font-weight=\"bold\">%s</text>%n",
                escape(title)));
        int y = 40;
        int barSpace = WIDTH - LABEL_WIDTH - 120;
        for (Bar bar : bars) {
            int length = (int) Math.max(1, Math.round(barSpace * bar.value() / max));
            svg.append(String.format(Locale.ROOT, "  <text x=\"10\" y=\"%d\">%s</text>%n", y + 16,
                    escape(bar.label())));
            svg.append(String.format(Locale.ROOT,
                    "  <rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4a7bb7\"/>%n", LABEL_WIDTH, y,
                    length, BAR_HEIGHT));
            svg.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\">%s %s</text>%n",
                    LABEL_WIDTH + length + 6, y + 16, format(bar.value()), escape(bar.unit())));
            y += BAR_HEIGHT + 8;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
