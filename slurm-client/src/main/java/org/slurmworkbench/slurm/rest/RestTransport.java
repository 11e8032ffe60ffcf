package org.slurmworkbench.slurm.rest;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.TokenProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way this library calls slurmrestd: JDK HttpClient, a timeout on every call, auth headers from the
 * {@link TokenProvider}, typed errors from {@link ErrorClassifier}. Reads are retried with exponential backoff when
 * the connection to slurmrestd fails ({@link SlurmException.Unavailable#connectionFailed()}), not when slurmrestd
 * answers that Slurm is unavailable or does not answer in time; writes are sent once. A rejected token is renewed and
 * the call repeated once, for reads and writes alike (slurmrestd did nothing with a request it could not
 * authenticate), unless it is 22.05's slow answer that looks like a rejection but means slurmctld is down.
 */
public final class RestTransport {

    private static final Logger log = LoggerFactory.getLogger(RestTransport.class);
    /** Takes {@code Infinity} as a number: v0.0.40/41 write an infinite fairshare level so (seen on 24.11's /shares). */
    public static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final URI baseUrl;
    private final TokenProvider tokens;
    private final HttpClient http;
    private final SlurmClientConfig config;
    private final Retry readRetry;
    private volatile ExchangeListener listener = ExchangeListener.NONE;
    private volatile CallObserver observer = CallObserver.NONE;
    /** Slurm users whose tokens slurmrestd has accepted at least once (see {@link #exchange}). */
    private final java.util.Set<String> provenUsers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RestTransport(SlurmClientConfig config) {
        this.config = config;
        this.baseUrl = URI.create(config.baseUrl().toString().replaceAll("/+$", ""));
        this.tokens = config.tokens();
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(config.retryBackoff(), 2.0))
                // Only a failed connection (slurmrestd down or restarting) is worth another try soon. When slurmrestd
                // answered that slurmctld/slurmdbd is down, or did not answer in time, a retry waits as long again.
                .retryOnException(e -> e instanceof SlurmException.Unavailable u && u.connectionFailed())
                .build();
        this.readRetry = Retry.of("slurmrestd " + baseUrl, retryConfig);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Sees every raw answer; the fixture recorder uses it to store what the real daemons said. */
    public void listener(ExchangeListener listener) {
        this.listener = listener == null ? ExchangeListener.NONE : listener;
    }

    /** Receives each raw exchange (never the token). */
    @FunctionalInterface
    public interface ExchangeListener {
        ExchangeListener NONE = (method, path, status, body) -> { };

        void exchanged(String method, String path, int status, byte[] body);
    }

    /** Sees the outcome and duration of every call (metrics); never the token or the body. */
    public void observer(CallObserver observer) {
        this.observer = observer == null ? CallObserver.NONE : observer;
    }

    /**
     * Told of every HTTP exchange with slurmrestd: {@code endpoint} is the path with ids and names replaced by
     * placeholders ({@link Endpoints#template}), {@code status} 0 when no answer came (unreachable, timeout).
     */
    @FunctionalInterface
    public interface CallObserver {
        CallObserver NONE = (method, endpoint, status, nanos) -> { };

        void called(String method, String endpoint, int status, long nanos);
    }

    /** GET with retries; 304 comes back as a response whose {@code notModified()} is true. */
    public RestResponse get(String user, String path, Map<String, String> query) {
        return getList(user, path, query, null, null).response();
    }

    /**
     * GET of a list answer, with retries: the elements of {@code field} are lifted by {@code item} one by one as
     * the body streams in ({@link ListBody}); the response's {@code body} holds the other top-level fields.
     */
    public <T> ListResponse<T> getList(String user, String path, Map<String, String> query, String field,
                                       Function<JsonNode, T> item) {
        Supplier<ListResponse<T>> call = () -> exchange(user, "GET", path, query, null, field, item);
        return Retry.decorateSupplier(readRetry, call).get();
    }

    public RestResponse post(String user, String path, JsonNode body) {
        return exchange(user, "POST", path, Map.of(), body, null, null).response();
    }

    public RestResponse delete(String user, String path, Map<String, String> query) {
        return exchange(user, "DELETE", path, query, null, null, null).response();
    }

    /** A response and the items of its list field (empty when none was asked for or on 304). */
    public record ListResponse<T>(RestResponse response, List<T> items) {

        public ListResponse<T> requireNoErrors() {
            response.requireNoErrors();
            return this;
        }
    }

    private <T> ListResponse<T> exchange(String user, String method, String path, Map<String, String> query,
                                         JsonNode body, String field, Function<JsonNode, T> item) {
        long started = System.nanoTime();
        try {
            return send(user, method, path, query, body, field, item);
        } catch (SlurmException.Authentication | SlurmException.Unavailable e) {
            // 26.05 answers a rejected token on /slurmdb with the same error 7000 as a slurmdbd outage, so that
            // one is renewed too; other outages go to the caller (reads retry failed connections with backoff).
            if (e instanceof SlurmException.Unavailable && e.errorNumber() != ErrorClassifier.DB_CONNECTION) {
                throw e;
            }
            // A token may expire between minting and use, or the key may have been rotated: renew once.
            tokens.invalidate(user);
            long took = (System.nanoTime() - started) / 1_000_000;
            if (slurmctldMayBeDown(e, user) && took > config.connectTimeout().toMillis()) {
                // 22.05 answers a rejected token at once, but "slurmctld unreachable" the same way only after its own
                // attempts to reach slurmctld (seconds): sending again would wait as long again. The next call has
                // the renewed token, should this have been a rejection after all.
                throw new SlurmException.Unavailable(e.getMessage() + "; slurmrestd took " + took + " ms to say so of a"
                        + " token of " + user + ", whose tokens worked before: slurmctld is most likely not answering",
                        e.httpStatus(), e.errors());
            }
            log.info("slurmrestd {} rejected the token of Slurm user {} on {} {}; renewing and retrying once",
                    baseUrl, user, method, path);
            try {
                return send(user, method, path, query, body, field, item);
            } catch (SlurmException.Authentication again) {
                if (!slurmctldMayBeDown(again, user)) {
                    throw again;
                }
                // Tokens of this user worked before and a fresh one fails the same way: slurmctld is not answering
                // (this passes by itself). A key rotated at the site since would show so too, until the next start.
                throw new SlurmException.Unavailable(again.getMessage() + "; a renewed token of " + user
                        + ", whose tokens worked before, failed the same way: slurmctld is most likely not answering",
                        again.httpStatus(), again.errors());
            }
        }
    }

    /**
     * 22.05 answers "slurmctld unreachable" exactly as a rejected token (HTTP 500, error -1); for a user whose tokens
     * slurmrestd accepted before, such a "rejection" may be slurmctld being down.
     */
    private boolean slurmctldMayBeDown(SlurmException e, String user) {
        return e instanceof SlurmException.Authentication && e.httpStatus() == 500 && provenUsers.contains(user);
    }

    private <T> ListResponse<T> send(String user, String method, String path, Map<String, String> query, JsonNode body,
                                     String field, Function<JsonNode, T> item) {
        URI uri = URI.create(baseUrl + path + queryString(query));
        String context = method + " " + path;
        Duration timeout = field != null ? config.listTimeout() : config.requestTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-SLURM-USER-NAME", user)
                .header("X-SLURM-USER-TOKEN", tokens.tokenFor(user));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response;
        long started = System.nanoTime();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            observer.called(method, Endpoints.template(path), response.statusCode(), System.nanoTime() - started);
        } catch (IOException e) {
            observer.called(method, Endpoints.template(path), 0, System.nanoTime() - started);
            if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
                // connected, but slurmrestd did not answer in time (it waits on slurmctld itself): not a failed connection
                throw new SlurmException.Unavailable(context + ": no answer from " + baseUrl + " within "
                        + timeout.toMillis() + " ms", 0, e);
            }
            throw new SlurmException.Unavailable(context + ": cannot reach " + baseUrl + " (" + reason(e) + ")", 0, e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException.Unavailable(context + ": interrupted", 0, e);
        }
        int status = response.statusCode();
        JsonNode json;
        List<T> items = List.of();
        try (InputStream in = response.body()) {
            // A big list is lifted while it streams in; the fixture recorder (a listener) needs the raw bytes.
            if (field != null && status == 200 && listener == ExchangeListener.NONE) {
                ListBody<T> list = ListBody.read(in, field, item);
                json = list == null ? null : list.rest();
                items = list == null ? List.of() : list.items();
            } else {
                byte[] bytes = in.readAllBytes();
                listener.exchanged(method, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                        status, bytes);
                json = status == 304 ? null : parse(bytes);
                if (field != null && json != null && status < 300) {
                    items = new ArrayList<>();
                    for (JsonNode element : json.path(field)) {
                        items.add(item.apply(element));
                    }
                }
            }
        } catch (IOException | JacksonIOException e) {
            throw new SlurmException.Unavailable(context + ": answer from " + baseUrl + " cut off (" + reason(e) + ")", 0, e, true);
        } catch (JacksonException e) {
            json = null; // not JSON: reported below like a body that is not JSON at all
        }
        log.debug("{} {} as {} -> HTTP {} in {} ms", method, uri.getPath(), user, status, (System.nanoTime() - started) / 1_000_000);
        if (status == 304) {
            return new ListResponse<>(new RestResponse(status, null, List.of(), List.of()), List.of());
        }
        List<SlurmError> errors = readErrors(json, "errors");
        List<SlurmError> warnings = readErrors(json, "warnings");
        if (status < 400 && errors.isEmpty() && !path.startsWith("/openapi")) {
            provenUsers.add(user); // slurmctld (or slurmdbd) accepted this user's token: see exchange()
        }
        if (status >= 400) {
            if (json == null && status >= 502) {
                throw new SlurmException.Unavailable(context + ": HTTP " + status + " from " + baseUrl, status, List.of());
            }
            throw ErrorClassifier.classify(status, errors, context);
        }
        if (json == null) {
            throw new SlurmException.Rejected(context + ": answer is not JSON (HTTP " + status + ")", status, List.of());
        }
        return new ListResponse<>(new RestResponse(status, json, errors, warnings), items);
    }

    /** What went wrong on the wire, in words for a person (no exception class names in messages users see). */
    private static String reason(Exception e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused: is slurmrestd running?";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "connection lost" : e.getMessage();
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * Reads {@code errors[]}/{@code warnings[]}; 22.05 writes {@code error_code} (submit) or {@code errno}
     * (nodes, partitions) where later releases write {@code error_number}.
     */
    public static List<SlurmError> readErrors(JsonNode json, String field) {
        if (json == null || !json.path(field).isArray()) {
            return List.of();
        }
        List<SlurmError> out = new ArrayList<>();
        for (JsonNode e : json.path(field)) {
            int number = e.path("error_number").asInt(e.path("error_code").asInt(e.path("errno").asInt(0)));
            out.add(new SlurmError(number, e.path("error").asString(""), e.path("description").asString(""),
                    e.path("source").asString("")));
        }
        return out;
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> joiner.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        return joiner.toString();
    }
}
