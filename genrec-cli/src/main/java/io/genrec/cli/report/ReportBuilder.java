package io.genrec.cli.report;

import io.genrec.util.SafeWrites;

import java.io.IOException;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads the scenarios under an input directory and writes the HTML report atomically. */
public final class ReportBuilder {
    private ReportBuilder() { }

    public static String html(Path input) throws IOException {
        // Charts are drawn off-screen; no display is needed or wanted.
        System.setProperty("java.awt.headless", "true");
        List<Simulation> simulations = Simulation.load(input);
        List<LlmAudit> audits = LlmAudit.load(input);
        return new HtmlReport(Scenario.load(input, simulations.isEmpty() && audits.isEmpty()), simulations, audits).render();
    }

    public static Path write(Path input, Path output) throws IOException {
        String html = html(input);
        SafeWrites.writeFile(output, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        return output;
    }
}
