package dev.trueline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The sweep's SVG is well-formed, has one line per server and panel, and puts x on a log scale. */
class SvgChartTest {

    @Test
    void twoPanelsOfTwoSeriesOnALogAxis() throws Exception {
        List<double[]> t = List.of(new double[] { 10, 1000 }, new double[] { 100, 9000 },
                new double[] { 1000, 20000 }, new double[] { 10000, 21000 });
        List<double[]> r = List.of(new double[] { 10, 900 }, new double[] { 100, 8000 },
                new double[] { 1000, 15000 }, new double[] { 10000, 12000 });
        String svg = SvgChart.render("Sweep <s1> & co", List.of(
                new SvgChart.Panel("Throughput", "concurrent streams (log)", "chunks/s",
                        List.of(new SvgChart.Series("trueline", "#1f77b4", t),
                                new SvgChart.Series("reference", "#d62728", r))),
                new SvgChart.Panel("Gap p99", "concurrent streams (log)", "ms",
                        List.of(new SvgChart.Series("trueline", "#1f77b4", t)))));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList lines = doc.getElementsByTagName("polyline");
        assertEquals(3, lines.getLength());
        String[] points = lines.item(0).getAttributes().getNamedItem("points").getNodeValue().split(" ");
        double[] xs = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            xs[i] = Double.parseDouble(points[i].split(",")[0]);
        }
        // log scale: 10, 100, 1000, 10000 are evenly spaced
        assertEquals(xs[1] - xs[0], xs[2] - xs[1], 0.2);
        assertEquals(xs[2] - xs[1], xs[3] - xs[2], 0.2);
        assertTrue(svg.contains("Sweep &lt;s1&gt; &amp; co"));
        assertEquals(25_000, SvgChart.niceCeiling(21_000) / 2, 0.1); // 50,000: the next 1-2-5 step above 21,000
    }
}
