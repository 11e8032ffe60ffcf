package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input at scale over every handler mapping of the running app, found in Spring's MVC
 * {@code requestMappingHandlerMapping} (a new endpoint is fuzzed without touching this class): per mapping
 * {@code -Dwb.fuzz.samples} generated requests, 200 unless set (not BadInputFuzzIT's 1,000: that many per endpoint
 * would take about ten minutes on two cores), a quarter as a plain user and the rest as the admin, through a
 * logged-in session with its CSRF token. Path variables, query and form parameters are named after the handler's
 * parameters and the fields of its form objects, with random values; JSON endpoints get random bodies (text, JSON
 * char soup, JSON of the wrong shape, deep nesting, huge numbers), multipart ones random files.
 * <p>
 * Every answer must be below 500, carry no stack trace, and be a problem detail when it is an error under
 * {@code /api/}. Safe with the shared lab, and "no accepted garbage": a request that could change something
 * (anything but GET) either names an object that cannot exist (a negative number, one beyond 2^63, a non-numeric or
 * UUID-like id, a QOS name no Slurm allows) or is invalid by construction: a JSON body that is not JSON, not an
 * object, or has a field of the wrong type or one no endpoint knows; a random file that holds no SWF record; a form
 * with a typed field (number, flag, choice) that cannot be read; and without any of those, no real cluster. Such a
 * request must not be accepted (2xx on a garbage JSON body, 201/202, a Location, or a redirect to what was made);
 * whatever was made by accident anyway is cancelled and deleted at the end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EveryEndpointFuzzIT {

    static final int SAMPLES = Integer.getInteger("wb.fuzz.samples", 200);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int THREADS = 4; // the app has the other core; Slurm calls are mostly waiting
    static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}:]+)(?::([^}]*))?}");
    /** Characters no number, flag, enum constant, Slurm name or UUID is made of. */
    static final String UNREADABLE = "xqz!#%*?~\u00e9\u4e2d\u2603";
    /** Parameter names a handler reading a whole {@code MultiValueMap} may look for, beside every name found in the app. */
    static final List<String> COMMON_NAMES = List.of("cluster", "from", "to", "user", "users", "account", "accounts",
            "partition", "partitions", "qos", "state", "states", "groupBy", "period", "metrics", "page", "size", "sort",
            "order", "view", "format", "columns", "step", "range", "limit", "jobId", "id", "name", "q", "lang");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Where a handler reads a value from. */
    enum From { PATH, PARAM, FILE }

    /** One value a handler reads: its name and the type it binds to. */
    record Target(String name, Class<?> type, From from) {
        boolean typed() {
            return from == From.PARAM && type != String.class && type != Object.class && !Collection.class.isAssignableFrom(type)
                    && !Map.class.isAssignableFrom(type) && !type.isArray();
        }
    }

    /**
     * What an endpoint may do: READ (GET) anything; act ON_EXISTING objects named in its path (only with ids that
     * cannot exist); or CREATE (any other change: a new object or an action), only with garbage.
     */
    enum Kind { READ, ON_EXISTING, CREATE }

    record Endpoint(RequestMethod method, String pattern, String consumes, List<String> produces, HandlerMethod handler,
                    List<Target> targets, Class<?> body, boolean anyParams, Kind kind) {
        String describe() {
            return method + " " + pattern + (consumes == null ? "" : " (" + consumes + ")") + " -> "
                    + handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
        }
    }

    /** One generated request; {@code garbage} says why it cannot be valid (null: it need not be). */
    record Sample(boolean asUser, String path, Map<String, String> params, String contentType, String body,
                  String accept, String garbage) {
    }

    record Failure(String request, String problem) {
    }

    @Test
    void everyMappedEndpointAnswersGeneratedBadInputWithoutServerErrorsStackTracesOrAcceptedGarbage() throws Exception {
        String cluster = TestLab.present().getFirst().name();
        List<Endpoint> endpoints = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            String why = skipReason(info, handler);
            if (why != null) {
                skipped.put(info.toString(), why);
            } else {
                endpoints.addAll(endpoints(info, handler));
            }
        });
        endpoints.sort((a, b) -> a.describe().compareTo(b.describe()));
        Set<String> names = new TreeSet<>(COMMON_NAMES);
        endpoints.forEach(e -> e.targets().forEach(t -> names.add(t.name())));
        System.out.printf("EveryEndpointFuzzIT: %d handler mappings, %d endpoints fuzzed (method x pattern x consumes), "
                + "%d mappings skipped, %d samples each%n", mappings.getHandlerMethods().size(), endpoints.size(),
                skipped.size(), SAMPLES);
        skipped.forEach((m, why) -> System.out.printf("  skipped %s: %s%n", m, why));
        assertThat(endpoints).as("endpoints found").hasSizeGreaterThan(50);

        TestHttp admin = new TestHttp(port).sessionApi("admin", "admin-test-password");
        TestHttp user = new TestHttp(port).sessionApi(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        Queue failures = new Queue();
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        AtomicInteger requests = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Endpoint e : endpoints) {
                List<Sample> generated = sample(samples(e, cluster, List.copyOf(names)), SAMPLES); // jqwik samples on one thread only
                runs.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    for (Sample s : generated) {
                        check(e, s, s.asUser() ? user : admin, failures, created);
                        requests.incrementAndGet();
                    }
                    System.out.printf("  %5d ms  %s%n", (System.nanoTime() - t0) / 1_000_000, e.describe());
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
            removeWhatWasCreated(admin, created);
        }
        System.out.printf("EveryEndpointFuzzIT: %d requests to %d endpoints in %d s, %d failures%n", requests.get(),
                endpoints.size(), (System.nanoTime() - started) / 1_000_000_000L, failures.total.get());
        if (!failures.all.isEmpty()) {
            Path report = Path.of("target", "EveryEndpointFuzzIT-failures.txt");
            Files.write(report, failures.all.stream().map(f -> f.problem() + "\n  " + f.request())
                    .collect(Collectors.joining("\n\n")).getBytes(StandardCharsets.UTF_8)); // lone surrogates become '?'
            System.out.println("every failing request in full: " + report.toAbsolutePath());
        }
        assertThat(failures.all).as("requests answered with a server error, a stack trace, a non-problem API error or "
                + "accepted garbage (first of each endpoint and problem)").extracting(f -> f.problem() + "\n    " + shorten(f.request(), 1500))
                .isEmpty();
    }

    /** Why a mapping is left out, or null. */
    static String skipReason(RequestMappingInfo info, HandlerMethod handler) {
        String type = handler.getBeanType().getName();
        if (type.startsWith("org.springdoc.")) {
            return "springdoc's OpenAPI document and Swagger UI: generated by the library from the annotations, not app input";
        }
        if (ErrorController.class.isAssignableFrom(handler.getBeanType())) {
            return "the error controller renders the servlet container's error attributes; called directly it has none";
        }
        if (!type.startsWith("org.slurmworkbench.")) {
            return "not the app's code (" + type + ")";
        }
        return null;
    }

    /** One endpoint per method, pattern and consumed media type of the mapping. */
    static List<Endpoint> endpoints(RequestMappingInfo info, HandlerMethod handler) {
        List<Target> targets = new ArrayList<>();
        Class<?> body = null;
        boolean anyParams = false;
        for (MethodParameter p : handler.getMethodParameters()) {
            p = p.withContainingClass(handler.getBeanType());
            String name = p.getParameter().getName();
            Class<?> type = p.getParameterType();
            PathVariable path = p.getParameterAnnotation(PathVariable.class);
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            RequestPart part = p.getParameterAnnotation(RequestPart.class);
            if (path != null) {
                targets.add(new Target(path.name().isEmpty() ? name : path.name(), type, From.PATH));
            } else if (p.hasParameterAnnotation(RequestBody.class)) {
                body = type;
            } else if (part != null || MultipartFile.class.isAssignableFrom(type)) {
                targets.add(new Target(part != null && !part.name().isEmpty() ? part.name() : name, type, From.FILE));
            } else if (param != null && Map.class.isAssignableFrom(type)) {
                anyParams = true;
            } else if (param != null || BeanUtils.isSimpleProperty(type) && !framework(type)) {
                targets.add(new Target(param != null && !param.name().isEmpty() ? param.name() : name, type, From.PARAM));
            } else if (p.hasParameterAnnotation(ModelAttribute.class) || !framework(type)) {
                formFields(type).forEach((n, t) -> targets.add(new Target(n, t, From.PARAM)));
            }
        }
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> consumes = info.getConsumesCondition().getConsumableMediaTypes().stream().map(MediaType::toString).toList();
        List<String> produces = info.getProducesCondition().getProducibleMediaTypes().stream().map(MediaType::toString).toList();
        List<Endpoint> out = new ArrayList<>();
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
            for (String pattern : info.getPatternValues()) {
                for (String consumed : consumes.isEmpty() ? java.util.Collections.<String>singletonList(null) : consumes) {
                    boolean onExisting = targets.stream().anyMatch(t -> t.from() == From.PATH && !t.name().equals("cluster"));
                    Kind kind = method == RequestMethod.GET || method == RequestMethod.HEAD ? Kind.READ
                            : onExisting ? Kind.ON_EXISTING : Kind.CREATE;
                    out.add(new Endpoint(method, pattern, consumed, produces, handler, targets, body, anyParams, kind));
                }
            }
        }
        return out;
    }

    /** The names and types a form object binds: its record components, else its own fields. */
    static Map<String, Class<?>> formFields(Class<?> type) {
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                fields.put(c.getName(), c.getType());
            }
        } else {
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.put(f.getName(), f.getType());
                }
            }
        }
        return fields;
    }

    /** Arguments Spring supplies itself (model, binding result, request, locale...), not read from the request's values. */
    static boolean framework(Class<?> type) {
        String n = type.getName();
        return n.startsWith("org.springframework.") || n.startsWith("jakarta.servlet.") || n.startsWith("java.")
                && !BeanUtils.isSimpleProperty(type) || type == Locale.class || java.security.Principal.class.isAssignableFrom(type);
    }

    // ---------------------------------------------------------------- generators

    static Arbitrary<Sample> samples(Endpoint e, String cluster, List<String> names) {
        List<Target> params = e.targets().stream().filter(t -> t.from() == From.PARAM).toList();
        List<Target> typed = params.stream().filter(Target::typed).toList();
        boolean json = e.consumes() != null && e.consumes().contains("json") || e.body() != null && e.consumes() == null;
        boolean multipart = e.consumes() != null && e.consumes().startsWith("multipart/");
        // what makes a CREATE request garbage: its JSON body, its file, a typed field that cannot be read, or no real cluster
        String garbage = e.kind() != Kind.CREATE ? null : json ? "body" : multipart ? "file" : typed.isEmpty() ? "cluster" : "typed";
        boolean realClusterInParams = !"cluster".equals(garbage);

        Arbitrary<String> path = path(e, cluster, realClusterInParams);
        List<Arbitrary<Optional<Tuple.Tuple2<String, String>>>> each = new ArrayList<>();
        for (Target t : params) {
            Arbitrary<String> v = value(t, cluster, realClusterInParams);
            each.add(Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.<Tuple.Tuple2<String, String>>empty())),
                    Tuple.of(3, v.map(x -> Optional.of(Tuple.of(t.name(), x))))));
        }
        Arbitrary<List<Tuple.Tuple2<String, String>>> extra = Combinators.combine(
                        Arbitraries.of(names), text(cluster, realClusterInParams))
                .as(Tuple::of).list().ofMaxSize(e.anyParams() ? 6 : 1);
        Arbitrary<Optional<Tuple.Tuple2<String, String>>> poison = typed.isEmpty() || !"typed".equals(garbage)
                ? Arbitraries.just(Optional.empty())
                : Combinators.combine(Arbitraries.of(typed), unreadable()).as((t, v) -> Optional.of(Tuple.of(t.name(), v)));
        Arbitrary<List<Optional<Tuple.Tuple2<String, String>>>> named = each.isEmpty() ? Arbitraries.just(List.of())
                : Combinators.combine(each).as(l -> l);
        Arbitrary<Map<String, String>> form = Combinators.combine(named, extra, poison).as((given, more, bad) -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    more.forEach(kv -> m.putIfAbsent(kv.get1(), kv.get2()));
                    given.forEach(o -> o.ifPresent(kv -> m.put(kv.get1(), kv.get2())));
                    bad.ifPresent(kv -> m.put(kv.get1(), kv.get2()));
                    return m;
                });
        Arbitrary<String> body = json ? jsonBody(e, names, garbage != null)
                : multipart ? swfFile() : Arbitraries.just("");
        Arbitrary<String> contentType = json ? Arbitraries.frequency(Tuple.of(19, "application/json"), Tuple.of(1, "text/plain"))
                : multipart ? Arbitraries.just("multipart/form-data") : Arbitraries.just("application/x-www-form-urlencoded");
        Arbitrary<String> accept = e.produces().isEmpty()
                ? Arbitraries.of("*/*", "text/html,application/xhtml+xml,*/*;q=0.8", "application/json")
                : Arbitraries.of(e.produces());
        Arbitrary<Boolean> asUser = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false));
        return Combinators.combine(asUser, path, form, contentType, body, accept)
                .as((u, p, f, ct, b, a) -> new Sample(u, p, f, ct, b, a, garbage));
    }

    /** The pattern with each variable filled: a real cluster at times, ids that cannot exist where something may change. */
    static Arbitrary<String> path(Endpoint e, String cluster, boolean realCluster) {
        Matcher m = PATH_VARIABLE.matcher(e.pattern());
        List<Arbitrary<String>> parts = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            parts.add(Arbitraries.just(e.pattern().substring(last, m.start())));
            String name = m.group(1);
            String regex = m.group(2);
            Arbitrary<String> v;
            if (regex != null && regex.matches("[A-Za-z0-9_|-]+")) {
                v = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(regex.split("\\|"))), Tuple.of(1, text(cluster, false)));
            } else if (name.equals("cluster") && realCluster) {
                v = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(cluster)), Tuple.of(1, text(cluster, false)));
            } else if (e.kind() == Kind.READ) {
                v = Arbitraries.oneOf(text(cluster, true), number());
            } else {
                v = impossibleId();
            }
            parts.add(v.map(EveryEndpointFuzzIT::encodePath));
            last = m.end();
        }
        parts.add(Arbitraries.just(e.pattern().substring(last).replace("**", "x").replace("*", "x")));
        return Combinators.combine(parts).as(l -> String.join("", l));
    }

    /** An id nothing can have: negative, beyond 2^63, not a number, or made of characters no id or Slurm name has. */
    static Arbitrary<String> impossibleId() {
        return Arbitraries.oneOf(
                Arbitraries.longs().lessOrEqual(-1).map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TWO.pow(63), java.math.BigInteger.TEN.pow(40)).map(String::valueOf),
                Arbitraries.strings().withChars("ghijklmnopqrstuvwxyz").ofLength(8).map(s -> "fz-" + s + "-" + s.toUpperCase(Locale.ROOT)),
                Combinators.combine(Arbitraries.strings().all().ofMaxLength(30), Arbitraries.strings().withChars(UNREADABLE).ofMinLength(1).ofMaxLength(3))
                        .as((a, b) -> a + "\u2603" + b),
                Arbitraries.of("..", ".", "%", "-0x1", "1e99", "NaN", "9223372036854775808", "-9223372036854775809", "1_-1", "_"));
    }

    /** A value for a named, typed parameter; the real cluster only where allowed. */
    static Arbitrary<String> value(Target t, String cluster, boolean realCluster) {
        Class<?> type = t.type();
        if (type == Boolean.class || type == boolean.class) {
            return Arbitraries.oneOf(Arbitraries.of("true", "false", "on", "off", "yes", "no", "1", "0", "", "TRUE", "maybe"), text(cluster, false));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return Arbitraries.oneOf(number(), number(), text(cluster, false));
        }
        if (type.isEnum()) {
            List<String> constants = java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return Arbitraries.oneOf(Arbitraries.of(constants), Arbitraries.of(constants).map(s -> s.toLowerCase(Locale.ROOT)), text(cluster, false));
        }
        return t.name().equals("cluster") && realCluster
                ? Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(cluster)), Tuple.of(2, text(cluster, false)))
                : text(cluster, realCluster && t.name().toLowerCase(Locale.ROOT).contains("cluster"));
    }

    /** Text a spreadsheet would run as a formula (OWASP's prefixes), for any field that can end up in a CSV. */
    static Arbitrary<String> formula() {
        return Combinators.combine(Arbitraries.of("=", "+", "-", "@", "\t", "\r"),
                Arbitraries.of("HYPERLINK(\"http://x\",\"y\")", "cmd|' /C calc'!A0", "2+3", "SUM(1)", "1+1", ""))
                .as((prefix, rest) -> prefix + rest);
    }

    /** A CSV cell a spreadsheet would run as a formula: text (not a number) beginning with = + - @, tab or CR. */
    static final Pattern FORMULA_CELL = Pattern.compile("[=+\\-@\t\r].*", Pattern.DOTALL);
    static final Pattern NUMBER_CELL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");

    /** Random text: any characters, path tricks, markup, numbers and dates, formulas, very long. */
    static Arbitrary<String> text(String cluster, boolean realCluster) {
        Arbitrary<String> any = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("./\\%<>\"'&;:=,#?{}[]()$*").ofMaxLength(16),
                Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withChars("0123456789-:TZ.+ ").ofMaxLength(30),
                Arbitraries.of("", " ", "..", "../..", "../../etc/passwd", "null", "undefined", "NaN", "%00", "\u0000",
                        "${7*7}", "<script>alert(1)</script>", "' OR '1'='1", "\u202eevil", "\u4e2d\u6587", "2026-02-30T00:00:00Z",
                        "2026-11-27T10:00:00Z", "now-1d", "99999999999999999999", "-1", "0", "1_2", "123_*"),
                Arbitraries.strings().withChars("aA1\u00e9\u4e2d").ofMinLength(1000).ofMaxLength(5000),
                formula(),
                number());
        return realCluster ? Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(cluster)), Tuple.of(5, any)) : any;
    }

    /** Numbers in and out of every range a field might have, and things that look like numbers. */
    static Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 3).map(String::valueOf),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TWO.pow(63), java.math.BigInteger.TEN.pow(30)).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("2147483648", "-2147483649", "1e309", "-0", "0x10", "1_000", "Infinity", "NaN", "1.5", "١٢٣"));
    }

    /** Text no typed field can read: not a number, flag, enum constant or empty. */
    static Arbitrary<String> unreadable() {
        return Arbitraries.strings().withChars(UNREADABLE).ofMinLength(1).ofMaxLength(12);
    }

    /**
     * A JSON-ish body. Garbage by construction when {@code garbage}: not JSON, not an object, an object with a field
     * of the wrong type or one no endpoint knows, or too deep or too big a number to read.
     */
    static Arbitrary<String> jsonBody(Endpoint e, List<String> names, boolean garbage) {
        Map<String, Class<?>> fields = e.body() == null || JsonNode.class.isAssignableFrom(e.body()) || e.body() == Object.class
                ? Map.of() : formFields(e.body());
        List<String> keys = fields.isEmpty() ? names : List.copyOf(fields.keySet());
        Arbitrary<String> notJson = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,0123456789truefalsn -.eE\\").ofMaxLength(120));
        Arbitrary<String> notObject = Arbitraries.oneOf(scalar(), scalar().list().ofMaxSize(5).map(l -> "[" + String.join(",", l) + "]"));
        Arbitrary<String> deep = Combinators.combine(Arbitraries.integers().between(200, 5000), Arbitraries.of(keys))
                .as((n, k) -> n % 2 == 0 ? "[".repeat(n) + "]".repeat(n) : ("{" + str(k) + ":").repeat(n) + "1" + "}".repeat(n));
        Arbitrary<String> huge = Combinators.combine(Arbitraries.of(keys), Arbitraries.integers().between(400, 20_000))
                .as((k, n) -> "{" + str(k) + ":" + "9".repeat(n) + "}");
        // an object of the body's own fields, one of them of a type it cannot be (or, untyped, a field nobody knows)
        Arbitrary<String> wrongShape = Combinators.combine(Arbitraries.of(keys).set().ofMaxSize(6),
                        scalarOrNested(names).list().ofSize(6), Arbitraries.of(keys), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8))
                .as((ks, vs, broken, unknown) -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    int i = 0;
                    for (String k : ks) {
                        m.put(k, vs.get(i++));
                    }
                    if (fields.isEmpty()) {
                        m.put("zz" + unknown, "\"x\"");
                    } else {
                        m.put(broken, wrongTypeFor(fields.get(broken)));
                    }
                    return "{" + m.entrySet().stream().map(en -> str(en.getKey()) + ":" + en.getValue())
                            .collect(Collectors.joining(",")) + "}";
                });
        if (garbage) {
            return Arbitraries.oneOf(notJson, notObject, deep, huge, wrongShape, Arbitraries.of("", "{}", "null", "[]", "{\"\":1}"));
        }
        // nothing changes without an object that exists: well-formed bodies too, to reach the checks behind parsing
        Arbitrary<String> wellFormed = Combinators.combine(Arbitraries.of(keys).set().ofMaxSize(6), scalarOrNested(names).list().ofSize(6))
                .as((ks, vs) -> {
                    StringBuilder sb = new StringBuilder("{");
                    int i = 0;
                    for (String k : ks) {
                        sb.append(sb.length() > 1 ? "," : "").append(str(k)).append(':').append(vs.get(i++));
                    }
                    return sb.append('}').toString();
                });
        return Arbitraries.oneOf(notJson, notObject, deep, huge, wrongShape, wellFormed, wellFormed);
    }

    /** JSON that Jackson cannot bind to {@code type}. */
    static String wrongTypeFor(Class<?> type) {
        if (type == String.class) {
            return "[1,{\"a\":[]}]";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "{\"zz\":1}";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() || type == Boolean.class || type.isEnum()) {
            return "{\"zz\":[]}";
        }
        return "[[],[]]"; // a record or map
    }

    static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40).map(EveryEndpointFuzzIT::str),
                number().map(n -> n.matches("-?\\d+(\\.\\d+)?([eE]\\d+)?") ? n : str(n)),
                Arbitraries.of("true", "false", "null", "1e999999", "-1e-999999", "123456789012345678901234567890", "0.1e1", "-0"));
    }

    static Arbitrary<String> scalarOrNested(List<String> names) {
        return Arbitraries.oneOf(scalar(), scalar(), scalar().list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(Arbitraries.of(names), scalar()).as((k, v) -> "{" + str(k) + ":" + v + "}"));
    }

    /** A random upload: never a line of 18 numbers, so never an SWF record. */
    static Arbitrary<String> swfFile() {
        Arbitrary<String> content = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(2000),
                Arbitraries.strings().withChars("; \n\t:ABCabc-").ofMaxLength(500),
                Arbitraries.strings().withChars("0123456789 \n-.").ofMaxLength(300).map(s -> s.replaceAll("(\\S+\\s+){17,}", "")),
                Arbitraries.strings().withChars("0123456789 ").ofMaxLength(60).list().ofMaxSize(30).map(l -> "; Version: 2.2\n; MaxProcs: 8\n"
                        + l.stream().map(x -> x.replaceAll("(\\S+\\s+){17,}", "")).collect(Collectors.joining("\n"))),
                Arbitraries.just(""));
        Arbitrary<String> fileName = Arbitraries.oneOf(Arbitraries.of("trace.swf", "../../etc/passwd", "a\"b.swf", "x.gz", ""),
                Arbitraries.strings().all().ofMaxLength(120));
        return Combinators.combine(content, fileName, Arbitraries.of(true, true, true, false))
                .as((c, n, present) -> present ? n.replace("\u0000", "") + "\u0000" + c : "\u0000\u0000");
    }

    static String str(String s) {
        return JSON.writeValueAsString(s);
    }

    // ---------------------------------------------------------------- sending and checking

    void check(Endpoint e, Sample s, TestHttp http, Queue failures, ConcurrentLinkedQueue<String> created) {
        String query = s.params().entrySet().stream().map(kv -> enc(kv.getKey()) + "=" + enc(kv.getValue()))
                .collect(Collectors.joining("&"));
        String url = s.path();
        String body = "";
        String contentType = null;
        boolean multipart = s.contentType().startsWith("multipart/");
        switch (e.method()) {
            case GET, HEAD, DELETE -> url += query.isEmpty() ? "" : "?" + query;
            default -> {
                if (multipart) {
                    String boundary = "fuzz" + Integer.toHexString(s.hashCode());
                    contentType = "multipart/form-data; boundary=" + boundary;
                    body = multipart(boundary, s.params(), e.targets().stream().filter(t -> t.from() == From.FILE)
                            .map(Target::name).findFirst().orElse("file"), s.body());
                } else if (s.contentType().equals("application/x-www-form-urlencoded")) {
                    contentType = s.contentType();
                    body = query;
                } else {
                    contentType = s.contentType();
                    body = s.body();
                    url += query.isEmpty() ? "" : "?" + query;
                }
            }
        }
        String request = "%s %s as %s, Content-Type: %s, Accept: %s, body (%d chars): %s".formatted(e.method(), url,
                s.asUser() ? "plain user" : "admin", contentType, s.accept(), body.length(), body);
        TestHttp.Response r;
        try {
            r = switch (e.method()) {
                case GET -> http.get(url, "Accept", s.accept());
                case DELETE -> http.delete(url, "Accept", s.accept());
                case POST -> http.post(url, contentType, body, "Accept", s.accept());
                case PATCH -> http.patchJson(url, body, "Accept", s.accept());
                case PUT -> http.putJson(url, body, "Accept", s.accept());
                default -> throw new AssertionError(e.method() + " is not sent by TestHttp yet: add it there to fuzz " + e.describe());
            };
        } catch (AssertionError | IllegalArgumentException ex) {
            // Tomcat answers headers over its limit with a 400 and closes the connection; while a POST's body is still
            // unread the close resets it, and the client may lose that 400 before reading it: a refusal too
            if (!(oversizeHeaders(url) && ex.getCause() instanceof IOException)) {
                failures.add(e, "request failed: " + ex.getMessage(), request);
            }
            return;
        }
        String what = " (" + e.describe() + ")";
        String type = String.valueOf(r.header("Content-Type"));
        // 501 is the app's deliberate answer for what a Slurm release's REST API lacks (22.05: no fairshare, no node
        // update), a problem naming it; any other 5xx, or a 501 in any other form, is a failure
        boolean notOffered = r.status() == 501 && String.valueOf(r.header("Content-Type")).startsWith("application/problem+json")
                && r.body() != null && r.body().contains("\"title\":\"Not offered by this Slurm version\"");
        if (r.status() >= 500 && !notOffered) {
            failures.add(e, "HTTP " + r.status() + what, request + "\n  -> " + shorten(r.body(), 600));
        }
        String b = r.body() == null ? "" : r.body();
        if (b.contains("\tat ") || b.contains("Exception:") || r.status() >= 400 && b.contains("org.springframework")) {
            failures.add(e, "stack trace or exception in the answer (HTTP " + r.status() + ")" + what, request + "\n  -> " + shorten(b, 600));
        }
        // Tomcat's connector refuses request headers over its 8 KB limit (the request line with the session's headers) and an encoded '/', '\\' or NUL in the path
        // with its own page, before any filter or servlet of the app could answer
        boolean connectorRefusal = r.status() == 400 && (oversizeHeaders(url) || s.path().matches("(?i).*%(2F|5C|00).*"));
        if (r.status() >= 400 && s.path().startsWith("/api/") && !type.startsWith("application/problem+json") && !connectorRefusal) {
            failures.add(e, "API error " + r.status() + " as " + type + what, request + "\n  -> " + shorten(b, 300));
        }
        if (r.status() == 200 && type.startsWith("text/csv")) {
            try {
                for (var record : org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(b))) {
                    for (String cell : record) {
                        if (FORMULA_CELL.matcher(cell).matches() && !NUMBER_CELL.matcher(cell).matches()) {
                            failures.add(e, "a CSV cell a spreadsheet would run as a formula: " + shorten(cell, 80) + what, request);
                        }
                    }
                }
            } catch (IOException | IllegalStateException | java.io.UncheckedIOException ex) {
                failures.add(e, "CSV that does not parse: " + ex.getMessage() + what, request + "\n  -> " + shorten(b, 300));
            }
        }
        if (s.garbage() != null) {
            String location = r.header("Location");
            boolean toLogin = location != null && location.contains("/login");
            boolean accepted = r.status() == 201 || r.status() == 202 || r.status() / 100 == 2 && location != null
                    || r.status() / 100 == 3 && !toLogin || "body".equals(s.garbage()) && r.status() / 100 == 2;
            if (accepted) {
                created.add(location == null ? url : location);
                failures.add(e, "garbage accepted (invalid by its " + s.garbage() + ") with HTTP " + r.status()
                        + (location == null ? "" : " -> " + location) + what, request + "\n  -> " + shorten(b, 300));
            }
        }
    }

    /** Whether the request line alone comes near Tomcat's 8 KB limit for the request line and headers together. */
    static boolean oversizeHeaders(String url) {
        return url.length() > 7000;
    }

    /** {@code file} is "name\0content", or "\0\0" for a request without a file. */
    static String multipart(String boundary, Map<String, String> params, String fileField, String file) {
        if (file.equals("\u0000\u0000")) {
            return TestHttp.multipart(boundary, params, fileField, null, null);
        }
        int cut = file.indexOf('\u0000');
        return TestHttp.multipart(boundary, params, fileField, file.substring(0, cut), file.substring(cut + 1));
    }

    /**
     * Cancels and deletes what a garbage request made anyway (the test has failed then): jobs, glidein pilots and
     * workload runs through their API, saved job templates in the database, whatever else is printed for a person to remove.
     */
    void removeWhatWasCreated(TestHttp admin, Collection<String> created) {
        for (String where : created) {
            String path = where.replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*", "");
            Matcher job = Pattern.compile("^/(?:api/v1/clusters|submit/jobs)/([^/]+)/(?:jobs/)?(\\d+)$").matcher(path);
            Matcher glidein = Pattern.compile("^/(?:api/v1/clusters/([^/]+)/glideins|glideins/([^/]+))/(\\d+)$").matcher(path);
            Matcher run = Pattern.compile("^/(?:api/v1/)?workloads/runs/([^/]+)$").matcher(path);
            Matcher template = Pattern.compile("[?&]saved=(\\d+)").matcher(where);
            try {
                if (job.matches()) {
                    admin.delete("/api/v1/clusters/" + job.group(1) + "/jobs/" + job.group(2));
                } else if (glidein.matches()) {
                    String c = glidein.group(1) != null ? glidein.group(1) : glidein.group(2);
                    admin.delete("/api/v1/clusters/" + c + "/glideins/" + glidein.group(3));
                } else if (run.matches()) {
                    admin.post("/api/v1/workloads/runs/" + run.group(1) + "/cancel?scancel=true", "application/json", "");
                    admin.delete("/api/v1/workloads/runs/" + run.group(1));
                } else if (path.equals("/submit") && template.find()) {
                    jdbc.sql("DELETE FROM job_templates WHERE id = ?").param(Long.parseLong(template.group(1))).update();
                } else {
                    System.out.println("EveryEndpointFuzzIT: made by accident, remove by hand: " + where);
                }
            } catch (AssertionError e) {
                System.out.println("EveryEndpointFuzzIT: could not remove " + where + ": " + e.getMessage());
            }
        }
    }

    /** Failures, the first few of each endpoint and problem kept whole for the report. */
    static final class Queue {
        final ConcurrentLinkedQueue<Failure> all = new ConcurrentLinkedQueue<>();
        final AtomicInteger total = new AtomicInteger();
        private final Map<String, AtomicInteger> seen = new java.util.concurrent.ConcurrentHashMap<>();

        void add(Endpoint e, String problem, String request) {
            total.incrementAndGet();
            String key = e.describe() + "|" + problem.replaceAll("HTTP \\d+|\\d+", "#");
            if (seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= 3) {
                all.add(new Failure(request, problem));
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String encodePath(String s) {
        return enc(s).replace("+", "%20");
    }

    static String shorten(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }

    static <T> List<T> sample(Arbitrary<T> arbitrary, int n) {
        return BadInputFuzzIT.sample(arbitrary, n);
    }
}
