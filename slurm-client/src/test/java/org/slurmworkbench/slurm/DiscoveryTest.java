package org.slurmworkbench.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Discovery while slurmrestd answers slowly that it cannot serve (as with slurmctld down): callers that wait for a
 * discovery in flight share its failure instead of each asking again in turn; a later call asks again.
 */
class DiscoveryTest {

    @Test
    void callersWaitingForAFailedDiscoveryShareItsFailure() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", x -> {
            requests.incrementAndGet();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.start();
        try {
            SlurmClient client = new SlurmClient(new SlurmClientConfig(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    user -> "token", "admin", null, null, null, 0, null));
            Thread first = Thread.ofPlatform().start(() -> call(client));
            await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() == 1);
            CompletableFuture<Throwable> second = new CompletableFuture<>();
            Thread waiting = Thread.ofPlatform().start(() -> second.complete(call(client)));
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.BLOCKED);
            answer.countDown();
            first.join();
            assertThat(second.get()).isInstanceOf(SlurmException.Unavailable.class);
            assertThat(requests).as("one discovery for both").hasValue(1);

            assertThatThrownBy(client::info).isInstanceOf(SlurmException.Unavailable.class);
            assertThat(requests).as("a later call discovers again").hasValue(2);
        } finally {
            answer.countDown();
            server.stop(0);
        }
    }

    private static Throwable call(SlurmClient client) {
        try {
            client.info();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
