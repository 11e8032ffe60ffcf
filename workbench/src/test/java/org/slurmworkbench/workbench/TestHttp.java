package org.slurmworkbench.workbench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for integration tests against the running app (random port): HTTP basic, or a browser-like
 * session with cookies and the CSRF token of the login form. Does not follow redirects, so tests see them.
 */
public final class TestHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String basic;
    private String csrfToken;
    private Duration timeout = Duration.ofSeconds(30);

    public TestHttp(int port) {
        this("http://127.0.0.1:" + port, HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private TestHttp(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** The same browser (cookies, credentials) talking to another port: another instance behind a load balancer. */
    public TestHttp at(int port) {
        TestHttp other = new TestHttp("http://127.0.0.1:" + port, http);
        other.basic = basic;
        other.csrfToken = csrfToken;
        return other;
    }

    /** How long each request may take from now on (30 s unless set). */
    public TestHttp timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Sends HTTP basic credentials with every request from now on. */
    public TestHttp basic(String user, String password) {
        basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Sends {@code Authorization: Bearer <token>} with every request from now on (instead of basic credentials). */
    public TestHttp bearer(String token) {
        basic = "Bearer " + token;
        return this;
    }

    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    public Response post(String path, String contentType, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postJson(String path, String json, String... headers) {
        return post(path, "application/json", json, headers);
    }

    public Response putJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patchJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postForm(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body, headers);
    }

    /** A multipart/form-data POST of fields and one file, as an upload form sends it. */
    public Response postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
                                  String content, String... headers) {
        String boundary = "wb-" + Long.toHexString(System.nanoTime());
        return post(path, "multipart/form-data; boundary=" + boundary,
                multipart(boundary, fields, fileField, fileName, content), headers);
    }

    /** The body of a multipart/form-data request: the fields, then the file unless {@code fileName} is null. */
    public static String multipart(String boundary, Map<String, String> fields, String fileField, String fileName,
                                   String content) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        if (fileName != null) {
            sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fileField)
                    .append("\"; filename=\"").append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .append(content).append("\r\n");
        }
        return sb.append("--").append(boundary).append("--\r\n").toString();
    }

    /** Logs in through the login form, as a browser does; answers the response of the POST. */
    public Response formLogin(String user, String password) {
        String csrf = csrfOf(get("/login"));
        return postForm("/login", Map.of("username", user, "password", password, "_csrf", csrf));
    }

    /**
     * Logs in through the form and sends the session's CSRF token with every request from now on: the API as the
     * browser's scripts call it, without the bcrypt check HTTP basic costs on every request.
     */
    public TestHttp sessionApi(String user, String password) {
        Response login = formLogin(user, password);
        if (login.status() != 302 || String.valueOf(login.header("Location")).contains("error")) {
            throw new AssertionError("login of " + user + " failed: HTTP " + login.status() + " " + login.header("Location"));
        }
        Matcher m = CSRF_META.matcher(get("/").body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the dashboard of " + user);
        }
        csrfToken = m.group(1);
        return this;
    }

    /** The CSRF token of the first form in an HTML page. */
    public static String csrfOf(Response page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page (HTTP " + page.status() + ")");
        }
        return m.group(1);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (basic != null) {
            b.header("Authorization", basic);
        }
        if (csrfToken != null) {
            b.header("X-CSRF-TOKEN", csrfToken);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
