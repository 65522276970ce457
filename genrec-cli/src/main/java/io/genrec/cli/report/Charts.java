package io.genrec.cli.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.MinMaxCategoryRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Rectangle;
import java.util.List;
import java.util.Map;

/** The report's plots: JFreeChart charts rendered to inline SVG with JFreeSVG (no raster, no external files). */
final class Charts {
    static final int WIDTH = 760, HEIGHT = 360;

    private Charts() { }

    /** One bar per (category, series) with a value; NaN values are left out. */
    record Bar(String series, String category, double value) { }

    /** An interval [low, high] drawn over the bar of (series, category). */
    record Interval(String series, String category, double low, double high) { }

    static String bars(String title, String valueAxis, List<Bar> bars, List<Interval> intervals) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar b : bars) if (!Double.isNaN(b.value())) data.addValue(b.value(), b.series(), b.category());
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueAxis, data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        style(chart);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        if (intervals != null && !intervals.isEmpty()) {
            // The interval ends as two extra series drawn by a min/max renderer over the bars of each category.
            DefaultCategoryDataset ends = new DefaultCategoryDataset();
            for (Interval iv : intervals) {
                ends.addValue(iv.low(), iv.series() + " 95% CI low", iv.category());
                ends.addValue(iv.high(), iv.series() + " 95% CI high", iv.category());
            }
            plot.setDataset(1, ends);
            MinMaxCategoryRenderer mm = new MinMaxCategoryRenderer();
            mm.setDrawLines(false);
            mm.setDefaultSeriesVisibleInLegend(false);
            plot.setRenderer(1, mm);
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        }
        return svg(chart);
    }

    /** A scatter of named points, x on a log axis (seconds). */
    static String scatter(String title, String xAxis, String yAxis, Map<String, double[]> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (var e : points.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            s.add(Math.max(e.getValue()[0], 1e-3), e.getValue()[1]);
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, xAxis, yAxis, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis log = new LogAxis(xAxis);
        log.setSmallestValue(1e-3);
        plot.setDomainAxis(log);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator("{0}"));
        r.setDefaultItemLabelsVisible(true);
        style(chart);
        return svg(chart);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF7F7F7));
    }

    private static String svg(JFreeChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement();
    }
}
