package dev.carbonshift.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.Date;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartHints;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * The report's charts, drawn by JFreeChart into JFreeSVG's Graphics2D: inline SVG, no images, no
 * network. Element hinting puts each data item in its own group whose {@code jfreesvg:ref} names
 * the series and category, so a reader (or a test) can find the value behind each bar.
 */
final class Charts {
  private static final Color EMITTED = new Color(0x2e, 0x7d, 0x32);
  private static final Color AVOIDED = new Color(0x90, 0xca, 0xf9);
  private static final Color HOME = new Color(0x9e, 0x9e, 0x9e);
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  static {
    // JFreeChart's element hints open and close SVG groups (once per JVM; idempotent lists)
    if (!SVGHints.isBeginGroupKey(ChartHints.KEY_BEGIN_ELEMENT)) {
      SVGHints.addBeginGroupKey(ChartHints.KEY_BEGIN_ELEMENT);
      SVGHints.addEndGroupKey(ChartHints.KEY_END_ELEMENT);
    }
  }

  private Charts() {}

  /** Emitted and avoided kgCO2e per month. */
  static String monthly(List<Report.Row> months, String id) {
    double max = 0;
    for (Report.Row r : months) {
      max = Math.max(max, Math.max(r.figures().kgCo2e(), Math.abs(r.figures().avoidedKgCo2e())));
    }
    Units.Scale s = Units.massScale(max);
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (Report.Row r : months) {
      d.addValue(r.figures().kgCo2e() * s.perKg(), "emitted", r.key().get(0));
      d.addValue(r.figures().avoidedKgCo2e() * s.perKg(), "avoided", r.key().get(0));
    }
    return bars(
        d, "Emitted and avoided per month", "month", s.unit() + "CO2e", id, EMITTED, AVOIDED);
  }

  /** kgCO2e per group of one dimension. */
  static String by(List<Report.Row> rows, String what, String id) {
    double max = rows.stream().mapToDouble(r -> r.figures().kgCo2e()).max().orElse(0);
    Units.Scale s = Units.massScale(max);
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (Report.Row r : rows) {
      d.addValue(r.figures().kgCo2e() * s.perKg(), "emitted", r.key().get(0));
    }
    return bars(d, "Emitted by " + what, what, s.unit() + "CO2e", id, EMITTED, AVOIDED);
  }

  private static String bars(
      DefaultCategoryDataset d,
      String title,
      String x,
      String y,
      String id,
      Color first,
      Color second) {
    JFreeChart chart =
        ChartFactory.createBarChart(title, x, y, d, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, first);
    r.setSeriesPaint(1, second);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return svg(chart, id, 720, 320);
  }

  /**
   * The chosen run's intensity curve, its window shaded, and the window it would have had running
   * at once (outlined grey); the home zone's curve beside it when the run moved.
   */
  static String curve(Report.Curve c, String id) {
    TimeSeriesCollection data = new TimeSeriesCollection();
    data.addSeries(series(c.region() + " (" + c.zone() + ")", c.points()));
    if (!c.homePoints().isEmpty()) {
      data.addSeries(series("home " + c.home() + " (" + c.homeZone() + ")", c.homePoints()));
    }
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(
            "Intensity around run " + c.runId() + " (" + c.job() + ")",
            "time (UTC)",
            "gCO2e/kWh",
            data,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYStepRenderer r = new XYStepRenderer();
    r.setSeriesPaint(0, EMITTED);
    r.setSeriesPaint(1, HOME);
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesStroke(1, new BasicStroke(1.5f));
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.addDomainMarker(
        marker(c.runNowStart().toEpochMilli(), c.runNowEnd().toEpochMilli(), HOME, "run now"),
        Layer.BACKGROUND);
    plot.addDomainMarker(
        marker(c.chosenStart().toEpochMilli(), c.chosenEnd().toEpochMilli(), EMITTED, "chosen"),
        Layer.BACKGROUND);
    return svg(chart, id, 720, 340);
  }

  private static IntervalMarker marker(long from, long to, Color color, String label) {
    // a run shorter than a pixel still shows as a band
    IntervalMarker m = new IntervalMarker(from, Math.max(to, from + 60_000));
    m.setPaint(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
    m.setLabel(label);
    m.setLabelFont(FONT);
    m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    return m;
  }

  private static TimeSeries series(String name, List<Report.Point> points) {
    TimeSeries s = new TimeSeries(name);
    ToDoubleFunction<Report.Point> g = Report.Point::gramsPerKwh;
    for (Report.Point p : points) {
      s.addOrUpdate(new Millisecond(Date.from(p.start())), g.applyAsDouble(p));
    }
    if (!points.isEmpty()) {
      // a step line needs the end of the last slot too
      Report.Point last = points.get(points.size() - 1);
      s.addOrUpdate(new Millisecond(Date.from(last.end().minusMillis(1))), last.gramsPerKwh());
    }
    return s;
  }

  private static String svg(JFreeChart chart, String id, int w, int h) {
    chart.setElementHinting(true);
    chart.setID(id);
    chart.setBackgroundPaint(Color.WHITE);
    SVGGraphics2D g = new SVGGraphics2D(w, h);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle(0, 0, w, h));
    return g.getSVGElement(id);
  }
}
