package io.edvt.node.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG plots, with JFreeChart: finality over time, and each node's head over time. */
final class DevnetPlots {
  private DevnetPlots() {}

  /**
   * Starts Java2D (headless) and JFreeChart now: they register shutdown hooks when first used,
   * which is refused once the JVM is shutting down, so a report written after Ctrl-C could not
   * plot without this.
   */
  static void warmUp() {
    System.setProperty("java.awt.headless", "true");
    // ImageIO's file cache closes its streams from a shutdown hook it adds on first use: no cache
    javax.imageio.ImageIO.setUseCache(false);
    XYSeriesCollection data = new XYSeriesCollection(new XYSeries("warm-up"));
    try {
      ChartUtils.writeChartAsPNG(new java.io.ByteArrayOutputStream(),
          ChartFactory.createXYLineChart("", "", "", data, PlotOrientation.VERTICAL, false, false, false), 16, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code finality.png} and {@code heads.png} into {@code dir}; returns their paths. */
  static List<String> write(Path dir, List<SlotRecord> records, int nodeCount) {
    System.setProperty("java.awt.headless", "true");
    XYSeries justified = new XYSeries("justified epoch");
    XYSeries finalized = new XYSeries("finalized epoch");
    XYSeries wallClock = new XYSeries("slot (wall clock)");
    List<XYSeries> heads = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      heads.add(new XYSeries("node-" + i + " head"));
    }
    for (SlotRecord r : records) {
      if (r.answered() > 0) {
        justified.add(r.slot(), r.maxJustified());
        finalized.add(r.slot(), r.maxFinalized());
      }
      wallClock.add(r.slot(), r.slot());
      for (NodeSample s : r.nodes()) {
        if (s.answered()) {
          heads.get(s.node()).add(r.slot(), s.headSlot());
        }
      }
    }
    XYSeriesCollection finality = new XYSeriesCollection();
    finality.addSeries(justified);
    finality.addSeries(finalized);
    XYSeriesCollection headData = new XYSeriesCollection();
    headData.addSeries(wallClock);
    heads.forEach(headData::addSeries);
    Path finalityPng = dir.resolve("finality.png");
    Path headsPng = dir.resolve("heads.png");
    save(ChartFactory.createXYLineChart("Finality", "slot", "epoch", finality, PlotOrientation.VERTICAL, true, false,
        false), finalityPng);
    save(ChartFactory.createXYLineChart("Head per node", "slot", "head slot", headData, PlotOrientation.VERTICAL, true,
        false, false), headsPng);
    return List.of(finalityPng.toString(), headsPng.toString());
  }

  private static void save(JFreeChart chart, Path file) {
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
