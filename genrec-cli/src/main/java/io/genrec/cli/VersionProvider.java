package io.genrec.cli;

import io.genrec.provenance.Provenance;
import picocli.CommandLine;

/** {@code genrec --version}: version, commit, JVM. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"GenRec " + Provenance.BuildInfo.VERSION + " (" + Provenance.BuildInfo.GIT_COMMIT + ")",
                "Java " + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
