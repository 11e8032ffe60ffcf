package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.SlurmException;

/**
 * Which failures a read tries again, at the level of the connection (what slurmrestd answers when slurmctld is down is
 * checked against the lab in SlurmDaemonDownIT): a connection that fails is tried again, since slurmrestd may be
 * restarting; a request it accepted but did not answer in time, or any answer, is not, since trying again would
 * wait as long again.
 */
class RestTransportRetryTest {

    private static final int ATTEMPTS = 3;

    private final HttpServer server = server();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Integer> exchanges = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aRefusedConnectionIsTriedAgain() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        SlurmException.Unavailable e = read(transport(port, Duration.ofSeconds(5)));
        assertThat(e.connectionFailed()).isTrue();
        assertThat(e.getMessage()).contains("connection refused");
        assertThat(exchanges).as("one exchange per attempt, none answered").containsExactly(0, 0, 0);
    }

    @Test
    void aConnectionClosedBeforeTheAnswerIsTriedAgain() {
        server.createContext("/", x -> {
            x.close(); // as slurmrestd going away mid-request
        });
        SlurmException.Unavailable e = read(transport(server.getAddress().getPort(), Duration.ofSeconds(5)));
        assertThat(e.connectionFailed()).isTrue();
        // (the JDK client itself sends a GET whose connection closed unanswered once more: the server saw more)
        assertThat(exchanges).as("one exchange per attempt, none answered").containsExactly(0, 0, 0);
    }

    @Test
    void aRequestNotAnsweredInTimeIsNotTriedAgain() {
        server.createContext("/", x -> {
            requests.incrementAndGet();
            try {
                release.await(); // until the test ends: far beyond the request timeout
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        SlurmException.Unavailable e = read(transport(server.getAddress().getPort(), Duration.ofMillis(300)));
        assertThat(e.connectionFailed()).isFalse();
        assertThat(e.getMessage()).contains("no answer from").contains("within 300 ms");
        assertThat(requests).hasValue(1);
        assertThat(exchanges).containsExactly(0);
    }

    @Test
    void aListMayTakeItsOwnLongerTimeoutAndOtherCallsMayNot() {
        server.createContext("/", x -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(600); // as slurmrestd building a long job list before it sends a byte
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"jobs\": [{\"job_id\": 1}, {\"job_id\": 2}], \"errors\": []}".getBytes();
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        SlurmClientConfig config = new SlurmClientConfig(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                user -> "token", "admin", Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(10), ATTEMPTS,
                Duration.ofMillis(10));
        RestTransport transport = new RestTransport(config);

        RestTransport.ListResponse<Long> list = transport.getList("alice", "/slurm/v0.0.42/jobs", Map.of(), "jobs",
                j -> j.path("job_id").asLong());
        assertThat(list.items()).containsExactly(1L, 2L);
        SlurmException.Unavailable e = catchThrowableOfType(SlurmException.Unavailable.class,
                () -> transport.get("alice", "/slurm/v0.0.42/jobs", Map.of()));
        assertThat(e.getMessage()).contains("within 200 ms");
        assertThat(requests).hasValue(2);
    }

    @Test
    void anAnswerSayingUnavailableIsNotTriedAgain() {
        server.createContext("/", x -> {
            requests.incrementAndGet();
            x.sendResponseHeaders(503, -1); // no body, as a proxy in front of slurmrestd would answer
            x.close();
        });
        SlurmException.Unavailable e = read(transport(server.getAddress().getPort(), Duration.ofSeconds(5)));
        assertThat(e.connectionFailed()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(requests).hasValue(1);
        assertThat(exchanges).containsExactly(503);
    }

    private SlurmException.Unavailable read(RestTransport transport) {
        return catchThrowableOfType(SlurmException.Unavailable.class, () -> transport.get("alice", "/slurm/v0.0.42/jobs", Map.of()));
    }

    private RestTransport transport(int port, Duration requestTimeout) {
        SlurmClientConfig config = new SlurmClientConfig(URI.create("http://127.0.0.1:" + port), user -> "token", "admin",
                Duration.ofSeconds(2), requestTimeout, requestTimeout, ATTEMPTS, Duration.ofMillis(10));
        RestTransport transport = new RestTransport(config);
        transport.observer((method, endpoint, status, nanos) -> exchanges.add(status));
        return transport;
    }

    private static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
