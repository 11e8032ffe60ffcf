package org.slurmworkbench.workbench.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.Cluster;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.TokenMode;

class LabClustersTest {

    @TempDir
    Path root;

    private Path write(String release, String content) throws IOException {
        Path dir = Files.createDirectories(root.resolve(release));
        return Files.writeString(dir.resolve("cluster.env"), content);
    }

    @Test
    void readsWhatLabWrites() throws IOException {
        Path file = write("22.05", """
                # Written by lab/lab up; describes the local Slurm 22.05 cluster.
                CLUSTER_NAME=lab2205
                RELEASE=22.05.8
                REST_URL=http://127.0.0.1:6820
                REST_API_VERSION=v0.0.38
                JWT_KEY=/var/lib/slurm-workbench-lab/22.05/etc/jwt.key
                ADMIN_USER=wbadmin
                USERS=alice,bob,carol
                ACCOUNTS=physics:alice,bob\\;chemistry:carol\\;ops:wbadmin
                CHROOT=
                """);

        Cluster c = LabClusters.read(file);

        assertThat(c.name()).isEqualTo("lab2205");
        assertThat(c.url()).isEqualTo(URI.create("http://127.0.0.1:6820"));
        assertThat(c.tokenMode()).isEqualTo(TokenMode.MINT);
        assertThat(c.jwtKey()).isEqualTo(Path.of("/var/lib/slurm-workbench-lab/22.05/etc/jwt.key"));
        assertThat(c.serviceUser()).isEqualTo("wbadmin");
        assertThat(c.tokenLifespan()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void acceptsQuotedValuesAndSpaces() throws IOException {
        Path file = write("x", """
                CLUSTER_NAME="quoted"
                REST_URL='http://127.0.0.1:7820'
                JWT_KEY = /tmp/key
                ADMIN_USER=  root
                """);

        Cluster c = LabClusters.read(file);

        assertThat(c.name()).isEqualTo("quoted");
        assertThat(c.url()).isEqualTo(URI.create("http://127.0.0.1:7820"));
        assertThat(c.jwtKey()).isEqualTo(Path.of("/tmp/key"));
        assertThat(c.serviceUser()).isEqualTo("root");
    }

    @Test
    void scansEveryReleaseDirectoryInOrderAndSkipsOthers() throws IOException {
        write("26.05", env("lab2605", 8820));
        write("22.05", env("lab2205", 6820));
        Files.createDirectories(root.resolve("logs"));
        Files.writeString(root.resolve("cluster.env"), env("top-level-is-ignored", 1));

        Map<Path, Cluster> found = LabClusters.scan(root);

        assertThat(found.values()).extracting(Cluster::name).containsExactly("lab2205", "lab2605");
        assertThat(found.keySet()).containsExactly(root.resolve("22.05/cluster.env"), root.resolve("26.05/cluster.env"));
    }

    @Test
    void missingKeyNamesTheFileAndTheKey() throws IOException {
        Path file = write("24.11", "CLUSTER_NAME=lab2411\nREST_URL=http://127.0.0.1:7820\nJWT_KEY=/k\n");

        assertThatThrownBy(() -> LabClusters.read(file))
                .isInstanceOf(InvalidClusterConfigurationException.class)
                .hasMessageContaining("workbench.lab-root")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("ADMIN_USER");
    }

    @Test
    void aRootThatIsNotADirectoryIsAnError() {
        assertThatThrownBy(() -> LabClusters.scan(root.resolve("nope")))
                .isInstanceOf(InvalidClusterConfigurationException.class)
                .hasMessageContaining("workbench.lab-root")
                .hasMessageContaining("is not a directory");
    }

    @Test
    void anEmptyRootHasNoClusters() {
        assertThat(LabClusters.scan(root)).isEmpty();
    }

    private static String env(String name, int port) {
        return "CLUSTER_NAME=" + name + "\nREST_URL=http://127.0.0.1:" + port + "\nJWT_KEY=/k\nADMIN_USER=wbadmin\n";
    }
}
