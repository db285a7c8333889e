package io.edvt.node.devnet;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNG plots, with JFreeChart: finality over time, each node's head over time, and
 * participation per epoch (the target flag: plain validators in percent of the active ones, each
 * group's members in percent of n, with each group's threshold as a dashed line).
 */
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

  /** Writes {@code finality.png}, {@code heads.png} and {@code participation.png} into {@code dir}; returns their paths. */
  static List<String> write(Path dir, List<SlotRecord> records, int nodeCount, List<EpochParticipation> participation) {
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
    Path participationPng = dir.resolve("participation.png");
    saveParticipation(participation, participationPng);
    return List.of(finalityPng.toString(), headsPng.toString(), participationPng.toString());
  }

  private static void saveParticipation(List<EpochParticipation> participation, Path file) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries plain = new XYSeries("plain validators");
    Map<Long, XYSeries> groups = new LinkedHashMap<>();
    Map<Long, XYSeries> thresholds = new LinkedHashMap<>();
    for (EpochParticipation e : participation) {
      plain.add(e.epoch(), e.plainTargetPercent());
      for (EpochParticipation.GroupParticipation g : e.groups()) {
        if (g.members() == 0) {
          continue;
        }
        groups.computeIfAbsent(g.validatorIndex(), v -> new XYSeries("group v" + v + " members"))
            .add(e.epoch(), 100.0 * g.membersWithFlag().target() / g.members());
        thresholds.computeIfAbsent(g.validatorIndex(), v -> new XYSeries("group v" + v + " threshold"))
            .add(e.epoch(), 100.0 * g.threshold() / g.members());
      }
    }
    data.addSeries(plain);
    groups.values().forEach(data::addSeries);
    thresholds.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createXYLineChart("Participation (timely target)", "epoch", "percent", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.getRangeAxis().setRange(0, 105);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    int first = 1 + groups.size();
    for (int i = first; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f));
      renderer.setSeriesShapesVisible(i, false);
    }
    plot.setRenderer(renderer);
    save(chart, file);
  }

  private static void save(JFreeChart chart, Path file) {
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
