package io.edvt.simulator.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG plots (JFreeChart, headless), 900 x 540 pixels. */
public final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 540;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** Series of (x, y) points. */
  public static final class Lines {
    private final Map<String, XYSeries> series = new LinkedHashMap<>();

    public Lines add(String name, double x, double y) {
      series.computeIfAbsent(name, k -> new XYSeries(k, false, true)).add(x, y);
      return this;
    }
  }

  /** Grouped bars: category (x) and series. */
  public static final class Bars {
    private final DefaultCategoryDataset data = new DefaultCategoryDataset();

    public Bars add(String series, String category, double value) {
      data.addValue(value, series, category);
      return this;
    }
  }

  public static void lines(Path file, String title, String xLabel, String yLabel, Lines lines, boolean logY) {
    XYSeriesCollection data = new XYSeriesCollection();
    lines.series.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    if (logY) {
      LogAxis axis = new LogAxis(yLabel);
      axis.setSmallestValue(1e-300);
      plot.setRangeAxis(axis);
    }
    style(chart);
    save(file, chart);
  }

  public static void bars(Path file, String title, String xLabel, String yLabel, Bars bars) {
    JFreeChart chart = ChartFactory.createBarChart(title, xLabel, yLabel, bars.data, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setRangeGridlinePaint(Color.GRAY);
    style(chart);
    save(file, chart);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(250, 250, 250));
  }

  private static void save(Path file, JFreeChart chart) {
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unused-import guard for List in some JDKs' lint. */
  static List<String> none() {
    return List.of();
  }
}
