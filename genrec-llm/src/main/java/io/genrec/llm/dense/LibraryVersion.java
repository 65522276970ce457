package io.genrec.llm.dense;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the libraries the dense models use, read from the jars' Maven metadata for provenance. */
final class LibraryVersion {
    static final String LANGCHAIN4J = read("dev.langchain4j", "langchain4j-core");

    private LibraryVersion() { }

    private static String read(String group, String artifact) {
        Properties p = new Properties();
        try (InputStream in = LibraryVersion.class.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) return "unknown";
            p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
