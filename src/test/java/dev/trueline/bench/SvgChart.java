package dev.trueline.bench;

import java.util.List;
import java.util.Locale;

/**
 * Line charts as a standalone SVG written by hand (no library, nothing fetched): panels side by side, each with a
 * log-scale x axis (concurrency, 10 to 10,000), a linear y axis from 0, tick labels, a legend and a title.
 */
final class SvgChart {

    /** One line: a name for the legend, a colour, and its points (x > 0). */
    record Series(String name, String color, List<double[]> points) {
    }

    /** One chart. */
    record Panel(String title, String xLabel, String yLabel, List<Series> series) {
    }

    private static final int W = 460, H = 320, LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 55;

    private SvgChart() {
    }

    static String render(String title, List<Panel> panels) {
        int width = W * panels.size();
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
                        + "<text x=\"%d\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">%s</text>\n",
                width, H + 20, width, H + 20, width / 2, escape(title)));
        for (int i = 0; i < panels.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,20)\">\n", i * W));
            panel(svg, panels.get(i));
            svg.append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, Panel p) {
        double xMin = Double.MAX_VALUE, xMax = 0, yMax = 0;
        for (Series s : p.series()) {
            for (double[] pt : s.points()) {
                xMin = Math.min(xMin, pt[0]);
                xMax = Math.max(xMax, pt[0]);
                yMax = Math.max(yMax, pt[1]);
            }
        }
        if (xMax == 0) {
            xMin = 10;
            xMax = 10_000;
        }
        double lo = Math.floor(Math.log10(xMin)), hi = Math.max(lo + 1, Math.ceil(Math.log10(xMax)));
        double top = niceCeiling(yMax);
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                LEFT + plotW / 2, TOP - 14, escape(p.title())));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#444\"/>\n", LEFT, TOP, plotW, plotH));
        for (double e = lo; e <= hi; e++) {
            double x = LEFT + (e - lo) / (hi - lo) * plotW;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, TOP, x, TOP + plotH, x,
                    TOP + plotH + 16, ResultTable.number(Math.pow(10, e))));
        }
        for (int t = 0; t <= 5; t++) {
            double v = top * t / 5;
            double y = TOP + plotH - (double) t / 5 * plotH;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, y, LEFT + plotW, y, LEFT - 6,
                    y + 4, ResultTable.number(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                LEFT + plotW / 2, TOP + plotH + 36, escape(p.xLabel())));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%d) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>\n", TOP + plotH / 2, escape(p.yLabel())));
        int legendY = TOP + 14;
        for (Series s : p.series()) {
            StringBuilder points = new StringBuilder();
            for (double[] pt : s.points()) {
                double x = LEFT + (Math.log10(pt[0]) - lo) / (hi - lo) * plotW;
                double y = TOP + plotH - (top == 0 ? 0 : pt[1] / top * plotH);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y,
                        s.color()));
            }
            svg.append(String.format(Locale.ROOT, "\n<polyline points=\"%s\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"2\"><title>%s</title></polyline>\n", points.toString().trim(), s.color(),
                    escape(s.name())));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>\n", LEFT + 10, legendY, LEFT + 30,
                    legendY, s.color(), LEFT + 36, legendY + 4, escape(s.name())));
            legendY += 16;
        }
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code v}. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] { 1, 2, 5, 10 }) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
