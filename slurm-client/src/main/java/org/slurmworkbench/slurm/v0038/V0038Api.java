package org.slurmworkbench.slurm.v0038;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.Account;
import org.slurmworkbench.slurm.Association;
import org.slurmworkbench.slurm.ClusterInfo;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.JobUpdate;
import org.slurmworkbench.slurm.JobsSnapshot;
import org.slurmworkbench.slurm.NewReservation;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.slurm.Ping;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.slurm.Share;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.rest.Accounts;
import org.slurmworkbench.slurm.rest.Reservations;
import org.slurmworkbench.slurm.rest.RestResponse;
import org.slurmworkbench.slurm.rest.RestTransport;
import org.slurmworkbench.slurm.rest.Statistics;

/**
 * {@link SlurmApi} on API v0.0.38 (Slurm 22.05): {@code /slurm/v0.0.38/...} and {@code /slurmdb/v0.0.38/...}.
 * This class knows the paths, the query parameters 22.05 accepts, and which answers carry benign errors;
 * {@link V0038Reader} and {@link V0038Writer} hold the JSON shapes.
 */
public final class V0038Api implements SlurmApi {

    private static final String SLURM = "/slurm/v0.0.38";
    private static final String SLURMDB = "/slurmdb/v0.0.38";

    private final RestTransport transport;
    private final ClusterInfo info;
    private final String user;

    public V0038Api(RestTransport transport, ClusterInfo info, String user) {
        this.transport = transport;
        this.info = info;
        this.user = user;
    }

    @Override
    public ClusterInfo info() {
        return info;
    }

    @Override
    public List<Ping> ping() {
        return V0038Reader.ping(get(SLURM + "/ping", Map.of()).body());
    }

    @Override
    public Diag diag() {
        return Statistics.diag(get(SLURM + "/diag", Map.of()).body());
    }

    @Override
    public List<Node> nodes() {
        return V0038Reader.nodes(get(SLURM + "/nodes", Map.of()).body());
    }

    @Override
    public List<Partition> partitions() {
        return V0038Reader.partitions(get(SLURM + "/partitions", Map.of()).body());
    }

    @Override
    public List<Reservation> reservations() {
        return Reservations.read(get(SLURM + "/reservations", Map.of()).body());
    }

    /** v0.0.38 has GET node/{name} only: no node update (its spec has no POST there). */
    @Override
    public boolean offersNodeUpdate() {
        return false;
    }

    @Override
    public void drainNode(String name, String reason) {
        throw notOffered();
    }

    @Override
    public void resumeNode(String name) {
        throw notOffered();
    }

    @Override
    public boolean offersReservationChanges() {
        return false;
    }

    @Override
    public void createReservation(NewReservation reservation) {
        throw reservationsNotOffered();
    }

    @Override
    public void deleteReservation(String name) {
        throw reservationsNotOffered();
    }

    private SlurmException.NotOffered reservationsNotOffered() {
        return new SlurmException.NotOffered("Slurm " + info.release() + " (REST API v0.0.38) does not offer reservation"
                + " changes (create, delete): they need REST API v0.0.43 or later (Slurm 25.05+)");
    }

    @Override
    public boolean offersShares() {
        return false;
    }

    /** v0.0.38 has no {@code /shares}: slurmrestd answers "Unable find requested URL" (HTTP 404), so it is not asked. */
    @Override
    public List<Share> shares() {
        throw new SlurmException.NotOffered("Slurm " + info.release() + " (REST API v0.0.38) does not offer fairshare"
                + " (sshare): it needs REST API v0.0.40 or later (Slurm 23.11+)");
    }

    @Override
    public boolean offersConfig() {
        return false;
    }

    @Override
    public Map<String, String> schedulerConfig() {
        throw new SlurmException.NotOffered("Slurm " + info.release() + " (REST API v0.0.38) does not offer its"
                + " configuration: GET /slurm/.../conf needs REST API v0.0.45 (Slurm 26.05)");
    }

    private SlurmException.NotOffered notOffered() {
        return new SlurmException.NotOffered("Slurm " + info.release() + " (REST API v0.0.38) does not offer node updates"
                + " (drain, resume): they need REST API v0.0.40 or later (Slurm 23.11+)");
    }

    /**
     * With {@code changedSince}, 22.05 answers 304 when no job changed since then. Its answer has no
     * last-update time, so the snapshot's is the moment the request left, one second early: slurmctld
     * compares whole seconds and a change in the same second must not be missed next time.
     */
    @Override
    public JobsSnapshot jobs(Instant changedSince) {
        Instant asked = Instant.now().minusSeconds(1);
        Map<String, String> query = changedSince == null ? Map.of()
                : Map.of("update_time", Long.toString(changedSince.getEpochSecond()));
        RestTransport.ListResponse<Job> response = transport.getList(user, SLURM + "/jobs", query, "jobs", V0038Reader::job)
                .requireNoErrors();
        if (response.response().notModified()) {
            return new JobsSnapshot(true, List.of(), changedSince);
        }
        return new JobsSnapshot(false, response.items(), asked);
    }

    /** An unknown id answers HTTP 500 with error 2017, which the classifier turns into NotFound. */
    @Override
    public List<Job> job(long jobId) {
        return V0038Reader.jobs(get(SLURM + "/job/" + jobId, Map.of()).body());
    }

    /** A held job is accepted with error 2042 beside its id: the reader turns that into a notice. */
    @Override
    public SubmitResult submit(JobSubmission submission) {
        RestResponse response = transport.post(user, SLURM + "/job/submit", V0038Writer.submission(submission));
        return V0038Reader.submitResult(response.body(), response.errors(), response.warnings());
    }

    /** DELETE sends SIGKILL to the whole job (all array tasks for an array id); an ended job is no error. */
    @Override
    public void cancel(long jobId) {
        transport.delete(user, SLURM + "/job/" + jobId, Map.of()).requireNoErrors();
    }

    @Override
    public void cancelTask(long arrayJobId, int taskId) {
        transport.delete(user, SLURM + "/job/" + arrayJobId + "_" + taskId, Map.of()).requireNoErrors();
    }

    @Override
    public void update(long jobId, JobUpdate update) {
        transport.post(user, SLURM + "/job/" + jobId, V0038Writer.jobUpdate(update)).requireNoErrors();
    }

    /**
     * 22.05 refuses epoch times and the {@code users} field; times go as "now-N" (seconds before now, which
     * Slurm's parse_time reads without any time zone question), users are filtered here. One job id goes
     * as {@code step}, without a window when the query has none (seen: slurmdbd then searches all time); several
     * are filtered here.
     */
    @Override
    public List<AccountingJob> accountingJobs(AccountingQuery q) {
        Instant now = Instant.now();
        Map<String, String> query = new LinkedHashMap<>();
        if (q.start() != null) {
            query.put("start_time", relativeToNow(q.start(), now));
            query.put("end_time", relativeToNow(q.end() == null ? now : q.end(), now));
        }
        if (q.oneJob()) {
            query.put("step", Long.toString(q.jobIds().getFirst()));
        }
        if (!q.accounts().isEmpty()) {
            query.put("account", String.join(",", q.accounts()));
        }
        if (!q.partitions().isEmpty()) {
            query.put("partition", String.join(",", q.partitions()));
        }
        RestResponse response = transport.get(user, SLURMDB + "/jobs", query);
        // 22.05's slurmdbd answers an empty window with error 9003 "Nothing found" (HTTP 200): that is no jobs.
        if (!response.errors().isEmpty() && response.errors().stream().allMatch(e -> e.number() == NOTHING_FOUND)) {
            return List.of();
        }
        List<AccountingJob> jobs = V0038Reader.accountingJobs(response.requireNoErrors().body());
        return jobs.stream()
                .filter(j -> q.users().isEmpty() || q.users().contains(j.user()))
                .filter(j -> q.jobIds().isEmpty() || j.belongsTo(q.jobIds()))
                .collect(Collectors.toList());
    }

    static final int NOTHING_FOUND = 9003;

    static String relativeToNow(Instant time, Instant now) {
        long seconds = Duration.between(time, now).getSeconds();
        return seconds >= 0 ? "now-" + seconds : "now+" + (-seconds);
    }

    @Override
    public List<Qos> qos() {
        return V0038Reader.qos(get(SLURMDB + "/qos", Map.of()).body());
    }

    /** Non-admins get 2002 (PermissionDenied) from the classifier, with HTTP 400 on 22.05. */
    @Override
    public void saveQos(QosChange change) {
        transport.post(user, SLURMDB + "/qos", V0038Writer.qosChange(change)).requireNoErrors();
    }

    @Override
    public List<Association> associations() {
        return V0038Reader.associations(get(SLURMDB + "/associations", Map.of()).body());
    }

    @Override
    public List<Account> accounts() {
        return Accounts.read(get(SLURMDB + "/accounts", Map.of()).body());
    }

    private RestResponse get(String path, Map<String, String> query) {
        return transport.get(user, path, query).requireNoErrors();
    }
}
