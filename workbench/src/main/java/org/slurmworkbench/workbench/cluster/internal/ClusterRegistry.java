package org.slurmworkbench.workbench.cluster.internal;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.TokenProvider;
import org.slurmworkbench.slurm.rest.RestTransport;
import org.slurmworkbench.slurm.token.MintedTokens;
import org.slurmworkbench.slurm.token.TokenFiles;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.VisibleJobs;
import org.slurmworkbench.workbench.cluster.UnknownClusterException;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.Cluster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds one {@link SlurmClient} per cluster from {@code workbench.clusters[]} plus the lab's {@code cluster.env}
 * files, and answers {@link Clusters}. Configuration errors that binding cannot see (duplicate names, a lab file
 * that does not validate, no cluster at all, an unreadable key) stop the start here.
 */
@Component
class ClusterRegistry implements Clusters {

    private static final Logger log = LoggerFactory.getLogger(ClusterRegistry.class);

    private final Map<String, Connection> connections;
    private final ClusterStatusCache statusCache;

    ClusterRegistry(ClusterProperties properties, Validator validator, ClusterStatusCache statusCache,
                    ObjectProvider<MeterRegistry> meters) {
        this.statusCache = statusCache;
        this.connections = connect(resolve(properties, validator));
        MeterRegistry registry = meters.getIfAvailable();
        connections.forEach((name, c) -> {
            RestTransport.CallObserver metrics = registry == null ? RestTransport.CallObserver.NONE
                    : new SlurmCallMetrics(registry, name);
            c.client().transport().observer((method, endpoint, status, nanos) -> {
                metrics.called(method, endpoint, status, nanos);
                if (!"GET".equals(method) && endpoint.contains("/job")) {
                    c.jobWrites().incrementAndGet(); // job lists read before this are out of date
                }
            });
        });
    }

    /** A configured cluster, the property prefix it came from, its client, and how many job writes it sent. */
    record Connection(Cluster spec, String source, SlurmClient client, AtomicLong jobWrites) {
    }

    /** Configured clusters first, then the lab's; each with the property (or file) it came from. */
    static Map<String, Source> resolve(ClusterProperties properties, Validator validator) {
        Map<String, Source> all = new LinkedHashMap<>();
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < properties.clusters().size(); i++) {
            sources.add(new Source(properties.clusters().get(i), "workbench.clusters[" + i + "]"));
        }
        if (properties.labRoot() != null) {
            LabClusters.scan(properties.labRoot()).forEach((file, lab) -> {
                Set<ConstraintViolation<Cluster>> violations = validator.validate(lab);
                if (!violations.isEmpty()) {
                    ConstraintViolation<Cluster> v = violations.iterator().next();
                    throw new InvalidClusterConfigurationException(LabClusters.PROPERTY,
                            file + " describes an unusable cluster: " + v.getPropertyPath() + " " + v.getMessage());
                }
                sources.add(new Source(lab, LabClusters.PROPERTY + " (" + file + ")"));
            });
        }
        for (Source s : sources) {
            Source earlier = all.putIfAbsent(s.cluster().name(), s);
            if (earlier != null) {
                throw new InvalidClusterConfigurationException(s.field("name"),
                        "cluster name '" + s.cluster().name() + "' is already used by " + earlier.property());
            }
        }
        if (all.isEmpty()) {
            throw new InvalidClusterConfigurationException("workbench.clusters", properties.labRoot() == null
                    ? "no cluster is configured; set workbench.clusters[0].name, .url, .jwt-key and .service-user, or workbench.lab-root"
                    : "no cluster is configured and " + properties.labRoot() + " holds no */cluster.env (is the lab up?)");
        }
        return all;
    }

    record Source(Cluster cluster, String property) {

        /** The property of one field: {@code workbench.clusters[0].jwt-key}; for a lab file, the file itself. */
        String field(String name) {
            return property.startsWith("workbench.clusters") ? property + "." + name : property;
        }
    }

    private static Map<String, Connection> connect(Map<String, Source> sources) {
        Map<String, Connection> out = new LinkedHashMap<>();
        sources.forEach((name, s) -> {
            Cluster c = s.cluster();
            SlurmClientConfig config = new SlurmClientConfig(c.url(), tokens(s), c.serviceUser(),
                    c.connectTimeout(), c.requestTimeout(), c.listTimeout(), 0, null);
            out.put(name, new Connection(c, s.property(), new SlurmClient(config), new AtomicLong()));
            log.info("Cluster {}: slurmrestd {} (token mode {}, service user {}) from {}", name, c.url(),
                    c.tokenMode().name().toLowerCase(), c.serviceUser(), s.property());
        });
        return Collections.unmodifiableMap(out);
    }

    private static TokenProvider tokens(Source s) {
        Cluster c = s.cluster();
        try {
            return switch (c.tokenMode()) {
                case MINT -> new MintedTokens(c.jwtKey(), c.tokenLifespan());
                case FILE -> new TokenFiles(c.tokenFile());
            };
        } catch (RuntimeException e) {
            String field = c.tokenMode() == ClusterProperties.TokenMode.MINT ? "jwt-key" : "token-file";
            throw new InvalidClusterConfigurationException(s.field(field), e.getMessage());
        }
    }

    Connection connection(String cluster) {
        Connection c = cluster == null ? null : connections.get(cluster);
        if (c == null) {
            throw new UnknownClusterException(cluster);
        }
        return c;
    }

    /** Writes to the cluster's job endpoints sent by this instance so far (submit, update, cancel). */
    long writes(String cluster) {
        return connection(cluster).jobWrites().get();
    }

    @Override
    public List<String> names() {
        return List.copyOf(connections.keySet());
    }

    @Override
    public List<ClusterStatus> statuses() {
        return statusCache.statuses(List.copyOf(connections.values()));
    }

    @Override
    public ClusterStatus status(String cluster) {
        return statusCache.statuses(List.of(connection(cluster))).getFirst();
    }

    @Override
    public SlurmApi as(String cluster, String slurmUser) {
        return naming(cluster, connection(cluster).client(), slurmUser);
    }

    @Override
    public VisibleJobs visibleJobs(String cluster) {
        return connection(cluster).spec().visibleJobs();
    }

    @Override
    public SlurmApi asServiceUser(String cluster) {
        Connection c = connection(cluster);
        return naming(cluster, c.client(), c.spec().serviceUser());
    }

    /**
     * The client's API as {@code slurmUser}, with every failure (of discovery too) naming the cluster it came from,
     * so error pages and problem details can say which one is unavailable.
     */
    private static SlurmApi naming(String cluster, SlurmClient client, String slurmUser) {
        SlurmApi api;
        try {
            api = client.as(slurmUser);
        } catch (SlurmException e) {
            throw e.onCluster(cluster);
        }
        return (SlurmApi) Proxy.newProxyInstance(SlurmApi.class.getClassLoader(), new Class<?>[] {SlurmApi.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(api, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause() instanceof SlurmException s ? s.onCluster(cluster) : e.getCause();
                    }
                });
    }
}
