package io.genrec.cli.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import java.awt.BasicStroke;
import java.util.ArrayList;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import java.awt.Rectangle;
import java.util.List;
import java.util.Map;

/** The report's plots: JFreeChart charts rendered to inline SVG with JFreeSVG (no raster, no external files). */
final class Charts {
    static final int WIDTH = 760, HEIGHT = 360;

    private Charts() { }

    /** One bar per (category, series) with a value; NaN values are left out. */
    record Bar(String series, String category, double value) { }

    /** A mean with its interval [low, high], for (series, category). */
    record Interval(String series, String category, double mean, double low, double high) { }

    static String bars(String title, String valueAxis, List<Bar> bars) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar b : bars) if (!Double.isNaN(b.value())) data.addValue(b.value(), b.series(), b.category());
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueAxis, data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        return svg(chart);
    }

    /**
     * Means with asymmetric interval whiskers: one x slot per category (labelled), the series side by side within it.
     * Drawn as an XY plot with an error-bar renderer because the category bar renderers only know symmetric
     * (mean ± sd) whiskers, and bootstrap intervals are not symmetric.
     */
    static String intervals(String title, String valueAxis, List<Interval> points) {
        List<String> categories = new ArrayList<>(), series = new ArrayList<>();
        for (Interval p : points) {
            if (!categories.contains(p.category())) categories.add(p.category());
            if (!series.contains(p.series())) series.add(p.series());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        double width = 0.6;
        for (int s = 0; s < series.size(); s++) {
            YIntervalSeries ys = new YIntervalSeries(series.get(s));
            double offset = series.size() == 1 ? 0 : -width / 2 + width * s / (series.size() - 1);
            for (Interval p : points)
                if (p.series().equals(series.get(s)) && !Double.isNaN(p.mean()))
                    ys.add(categories.indexOf(p.category()) + offset, p.mean(), p.low(), p.high());
            data.addSeries(ys);
        }
        SymbolAxis x = new SymbolAxis(null, categories.toArray(new String[0]));
        x.setGridBandsVisible(false);
        x.setLowerMargin(0.1);
        x.setUpperMargin(0.1);
        NumberAxis y = new NumberAxis(valueAxis);
        y.setAutoRangeIncludesZero(false);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultLinesVisible(false);
        r.setDefaultShapesVisible(true);
        r.setErrorStroke(new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(data, x, y, r);
        x.setRange(-0.6, categories.size() - 0.4);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart);
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
        log.setLowerMargin(0.15);
        log.setUpperMargin(0.15);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        y.setLowerMargin(0.15);
        y.setUpperMargin(0.15);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator("{0}"));
        r.setDefaultItemLabelsVisible(true);
        style(chart);
        return svg(chart);
    }

    /** One line per series over x = 0, 1, 2, … (e.g. simulation rounds), with point markers. */
    static String lines(String title, String xAxis, String yAxis, Map<String, double[]> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (var e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            for (int x = 0; x < e.getValue().length; x++) if (!Double.isNaN(e.getValue()[x])) s.add(x, e.getValue()[x]);
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xAxis, yAxis, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(true);
        style(chart);
        return svg(chart);
    }

    /** The Okabe–Ito palette (distinguishable with colour-vision deficiencies; JFreeChart's default has pale yellow). */
    private static final Paint[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF7F7F7));
        var supplier = new DefaultDrawingSupplier(PALETTE, DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE);
        if (chart.getPlot() instanceof XYPlot xy) xy.setDrawingSupplier(supplier);
        if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cat) cat.setDrawingSupplier(supplier);
    }

    private static String svg(JFreeChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement();
    }
}
