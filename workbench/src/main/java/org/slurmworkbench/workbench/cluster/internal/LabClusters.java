package org.slurmworkbench.workbench.cluster.internal;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.slurmworkbench.workbench.cluster.VisibleJobs;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.Cluster;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.TokenMode;

/**
 * Reads the {@code cluster.env} files that {@code lab/lab up} writes, one per release directory under the lab
 * root: shell {@code KEY=VALUE} lines (which {@link Properties} reads the same way; values may be quoted).
 * Each becomes a mint-mode cluster whose service user is the lab's {@code ADMIN_USER}.
 */
final class LabClusters {

    static final String PROPERTY = "workbench.lab-root";

    private LabClusters() {
    }

    /** Every cluster under {@code root} by its file, ordered by directory name; fails when the root is not a directory. */
    static Map<Path, Cluster> scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidClusterConfigurationException(PROPERTY, root + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> dirs = Files.list(root)) {
            files = dirs.map(d -> d.resolve("cluster.env")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidClusterConfigurationException(PROPERTY, "cannot list " + root + ": " + e.getMessage());
        }
        Map<Path, Cluster> clusters = new LinkedHashMap<>();
        for (Path file : files) {
            clusters.put(file, read(file));
        }
        return clusters;
    }

    static Cluster read(Path file) {
        Properties env = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            env.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidClusterConfigurationException(PROPERTY, "cannot read " + file + ": " + e.getMessage());
        }
        String name = required(env, file, "CLUSTER_NAME");
        String url = required(env, file, "REST_URL");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidClusterConfigurationException(PROPERTY, file + ": REST_URL '" + url + "' is not a URL");
        }
        return new Cluster(name, uri, TokenMode.MINT, Path.of(required(env, file, "JWT_KEY")), null,
                Duration.ofMinutes(5), required(env, file, "ADMIN_USER"), Duration.ofSeconds(3), Duration.ofSeconds(30),
                Duration.ofMinutes(3), VisibleJobs.ACCOUNTS);
    }

    private static String required(Properties env, Path file, String key) {
        String value = unquote(env.getProperty(key));
        if (value.isEmpty()) {
            throw new InvalidClusterConfigurationException(PROPERTY, file + " has no " + key);
        }
        return value;
    }

    static String unquote(String value) {
        if (value == null) {
            return "";
        }
        String v = value.trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
