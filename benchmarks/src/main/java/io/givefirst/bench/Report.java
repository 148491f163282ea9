package io.givefirst.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table the run prints: each figure next to its bare baseline and its target. */
final class Report {
    record Row(String figure, String platform, String baseline, String target, String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void row(String figure, String platform, String baseline, String target, String verdict) {
        rows.add(new Row(figure, platform, baseline, target, verdict));
    }

    void note(String note) {
        notes.add(note);
    }

    static String num(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    static String ratio(double part, double whole) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * part / whole);
    }

    static String met(boolean met) {
        return met ? "met" : "MISSED";
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| figure | GiveFirst | bare baseline (same run) | target | result |\n");
        out.append("|---|---|---|---|---|\n");
        // figures are measured in the order the data allows (queries need a grown community), shown in their order
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(java.util.Comparator.comparing(row -> row.figure().substring(0, row.figure().indexOf('.'))));
        for (Row row : ordered) {
            out.append("| ").append(String.join(" | ", row.figure(), row.platform(), row.baseline(), row.target(),
                    row.verdict())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }
}
