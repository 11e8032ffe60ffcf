package org.slurmworkbench.workbench.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.Account;
import org.slurmworkbench.slurm.Association;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.VisibleJobs;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.JobScope;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.springframework.stereotype.Component;

/**
 * {@link AccountAccess} from slurmdbd's accounts (with coordinators) and associations, one read per cluster shared
 * by all users and kept in this instance for {@code coordinator-ttl}: short enough that a removed coordinator loses
 * the rights quickly, long enough that a page does not cost two slurmdbd queries. Failing reads grant nothing.
 */
@Component
class SlurmAccountAccess implements AccountAccess {

    private static final Logger log = LoggerFactory.getLogger(SlurmAccountAccess.class);

    /** One cluster's answer: coordinators and members per account. */
    private record Snapshot(Instant read, Map<String, Set<String>> coordinatorsOf, Map<String, Set<String>> membersOf) {

        Set<String> accounts(Map<String, Set<String>> byAccount, String slurmUser) {
            Set<String> out = new TreeSet<>();
            byAccount.forEach((account, users) -> {
                if (users.contains(slurmUser)) {
                    out.add(account);
                }
            });
            return out;
        }
    }

    private static final Snapshot NOTHING = new Snapshot(Instant.EPOCH, Map.of(), Map.of());

    private final Clusters clusters;
    private final SecurityProperties properties;
    private final Clock clock;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    SlurmAccountAccess(Clusters clusters, SecurityProperties properties) {
        this.clusters = clusters;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Set<String> coordinated(String cluster, WorkbenchUser user) {
        Snapshot s = snapshot(cluster);
        return s.accounts(s.coordinatorsOf(), user.slurmUser());
    }

    @Override
    public Map<String, Set<String>> coordinated(WorkbenchUser user) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String cluster : clusters.reachable()) {
            Set<String> accounts = coordinated(cluster, user);
            if (!accounts.isEmpty()) {
                out.put(cluster, accounts);
            }
        }
        return out;
    }

    @Override
    public Set<String> memberOf(WorkbenchUser user) {
        Set<String> out = new TreeSet<>();
        for (String cluster : clusters.reachable()) {
            Snapshot s = snapshot(cluster);
            out.addAll(s.accounts(s.membersOf(), user.slurmUser()));
        }
        return out;
    }

    @Override
    public JobScope jobScope(String cluster, WorkbenchUser user) {
        VisibleJobs visible = clusters.visibleJobs(cluster); // an unknown cluster is a 404 before slurmdbd is asked
        if (user.isAdmin() || visible == VisibleJobs.ALL) {
            return JobScope.all();
        }
        Snapshot s = snapshot(cluster);
        Set<String> accounts = s.accounts(s.coordinatorsOf(), user.slurmUser());
        if (visible == VisibleJobs.ACCOUNTS) {
            accounts.addAll(s.accounts(s.membersOf(), user.slurmUser()));
        }
        return new JobScope(false, user.slurmUser(), accounts);
    }

    @Override
    public Set<String> coordinatedUsers(WorkbenchUser user) {
        Set<String> out = new TreeSet<>();
        for (String cluster : clusters.reachable()) {
            Snapshot s = snapshot(cluster);
            s.accounts(s.coordinatorsOf(), user.slurmUser())
                    .forEach(account -> out.addAll(s.membersOf().getOrDefault(account, Set.of())));
        }
        return out;
    }

    /**
     * slurmdbd's users (those with an association) over every reachable cluster, sorted; empty when no cluster's
     * slurmdbd answered, so a caller can tell "nobody" from "unknown".
     */
    java.util.Optional<Set<String>> slurmUsers() {
        Set<String> out = new TreeSet<>();
        boolean answered = false;
        for (String cluster : clusters.reachable()) {
            Snapshot s = snapshot(cluster);
            if (s != NOTHING) {
                answered = true;
                s.membersOf().values().forEach(out::addAll);
            }
        }
        return answered ? java.util.Optional.of(out) : java.util.Optional.empty();
    }

    private Snapshot snapshot(String cluster) {
        Snapshot cached = snapshots.get(cluster);
        if (cached != null && cached.read().plus(properties.coordinatorTtl()).isAfter(clock.instant())) {
            return cached;
        }
        try {
            SlurmApi slurm = clusters.asServiceUser(cluster);
            Map<String, Set<String>> coordinators = new LinkedHashMap<>();
            for (Account a : slurm.accounts()) {
                coordinators.put(a.name(), Set.copyOf(a.coordinators()));
            }
            Map<String, Set<String>> members = new LinkedHashMap<>();
            for (Association a : slurm.associations()) {
                if (a.user() != null && !a.user().isEmpty()) {
                    members.computeIfAbsent(a.account(), k -> new TreeSet<>()).add(a.user());
                }
            }
            Snapshot fresh = new Snapshot(clock.instant(), coordinators, members);
            snapshots.put(cluster, fresh);
            return fresh;
        } catch (SlurmException e) {
            // Fail closed: without slurmdbd's word nobody is a coordinator; owners and admins are unaffected.
            log.warn("Cannot read accounts and coordinators of cluster {}: {}", cluster, e.getMessage());
            return NOTHING;
        }
    }
}
