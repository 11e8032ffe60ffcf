package org.slurmworkbench.slurm.v0040;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.ApiVersion;
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
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.Share;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.rest.Accounts;
import org.slurmworkbench.slurm.rest.ErrorClassifier;
import org.slurmworkbench.slurm.rest.Reservations;
import org.slurmworkbench.slurm.rest.Shares;
import org.slurmworkbench.slurm.rest.RestResponse;
import org.slurmworkbench.slurm.rest.RestTransport;
import org.slurmworkbench.slurm.rest.Statistics;

/**
 * The slurmrestd API of Slurm 24.11 and 26.05: versions v0.0.40 to v0.0.45 ({@code info.apiVersion()}).
 * Paths are written as the specs write them (collections end with "/"). Reading is in {@link V0040Reader},
 * request bodies in {@link V0040Writer}; this class decides what to call and which answers are benign.
 */
public final class V0040Api implements SlurmApi {

    private static final ApiVersion V0041 = ApiVersion.parse("v0.0.41");
    private static final ApiVersion V0042 = ApiVersion.parse("v0.0.42");
    private static final ApiVersion V0043 = ApiVersion.parse("v0.0.43");
    private static final ApiVersion V0045 = ApiVersion.parse("v0.0.45");
    /** ESLURM_USER_ID_UNKNOWN: slurmrestd could not resolve a {@code users} filter to a Unix user. */
    static final int UNKNOWN_USER = 2166;
    /** ESLURM_ALREADY_DONE: "Job/step already completing or completed". */
    static final int ALREADY_DONE = 2021;

    private final RestTransport transport;
    private final ClusterInfo info;
    private final String user;
    private final ApiVersion version;
    private final String slurm;
    private final String slurmdb;

    public V0040Api(RestTransport transport, ClusterInfo info, String user) {
        this.transport = transport;
        this.info = info;
        this.user = user;
        this.version = info.apiVersion();
        this.slurm = "/slurm/" + version + "/";
        this.slurmdb = "/slurmdb/" + version + "/";
    }

    @Override
    public ClusterInfo info() {
        return info;
    }

    @Override
    public List<Ping> ping() {
        return V0040Reader.ping(get(slurm + "ping/", Map.of()).body(), version);
    }

    @Override
    public Diag diag() {
        return Statistics.diag(get(slurm + "diag/", Map.of()).body());
    }

    @Override
    public List<Node> nodes() {
        return transport.getList(user, slurm + "nodes/", Map.of(), "nodes", n -> V0040Reader.node(n, version))
                .requireNoErrors().items();
    }

    @Override
    public List<Partition> partitions() {
        return V0040Reader.partitions(get(slurm + "partitions/", Map.of()).body(), version);
    }

    @Override
    public List<Reservation> reservations() {
        return Reservations.read(get(slurm + "reservations/", Map.of()).body());
    }

    @Override
    public boolean offersNodeUpdate() {
        return true;
    }

    /** POST node/{name} with {@code state: [DRAIN]} and the reason; Slurm records the requesting user as who set it. */
    @Override
    public void drainNode(String name, String reason) {
        updateNode(name, V0040Writer.nodeState("DRAIN", reason));
    }

    @Override
    public void resumeNode(String name) {
        updateNode(name, V0040Writer.nodeState("RESUME", null));
    }

    @Override
    public boolean offersReservationChanges() {
        return version.compareTo(V0043) >= 0;
    }

    /**
     * {@code POST reservation} with the description itself (not wrapped in a list). Slurm's refusals come in
     * {@code errors[]}: HTTP 422 (seen on 26.05: 2016 "Requested nodes are busy", 2010 "Invalid user id" for a Slurm
     * user without operator rights) or, for an unknown user in {@code users}, HTTP 500 with -1 "Unspecified error"
     * (a refusal too: see {@link ErrorClassifier}).
     */
    @Override
    public void createReservation(NewReservation reservation) {
        requireReservationChanges();
        transport.post(user, slurm + "reservation", V0040Writer.reservation(reservation, version)).requireNoErrors();
    }

    @Override
    public void deleteReservation(String name) {
        requireReservationChanges();
        transport.delete(user, slurm + "reservation/" + name, Map.of()).requireNoErrors();
    }

    private void requireReservationChanges() {
        if (!offersReservationChanges()) {
            throw new SlurmException.NotOffered("Slurm " + info.release() + " (REST API " + version + ") does not offer"
                    + " reservation changes (create, delete): they need REST API v0.0.43 or later (Slurm 25.05+)");
        }
    }

    @Override
    public boolean offersShares() {
        return true;
    }

    /** {@code GET shares}: every association (no {@code accounts}/{@code users} filter), as {@code sshare -a -l}. */
    @Override
    public List<Share> shares() {
        return Shares.read(get(slurm + "shares", Map.of()).body());
    }

    @Override
    public boolean offersConfig() {
        return version.compareTo(V0045) >= 0;
    }

    /** {@code GET conf} (v0.0.45+): slurm.conf as slurmctld holds it, of which the scheduler's keys. */
    @Override
    public Map<String, String> schedulerConfig() {
        if (!offersConfig()) {
            throw new SlurmException.NotOffered("Slurm " + info.release() + " (REST API " + version + ") does not"
                    + " offer its configuration: GET /slurm/.../conf needs REST API v0.0.45 (Slurm 26.05)");
        }
        tools.jackson.databind.JsonNode conf = get(slurm + "conf", Map.of()).body().path("slurm_conf");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String key : SCHEDULER_KEYS) {
            tools.jackson.databind.JsonNode v = conf.path(key);
            if (v.isMissingNode() || v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                java.util.List<String> items = new java.util.ArrayList<>();
                v.forEach(i -> items.add(i.asString("")));
                out.put(key, String.join(",", items));
            } else {
                out.put(key, v.asString(""));
            }
        }
        return out;
    }

    private static final java.util.List<String> SCHEDULER_KEYS = java.util.List.of("SchedulerType",
            "SchedulerParameters", "SchedulerTimeSlice", "PriorityType", "PriorityWeightAge", "PriorityWeightAssoc",
            "PriorityWeightFairshare", "PriorityWeightJobSize", "PriorityWeightPartition", "PriorityWeightQOS",
            "PriorityWeightTRES", "PriorityFlags", "PriorityDecayHalfLife", "SelectType", "SelectTypeParameters");

    private void updateNode(String name, tools.jackson.databind.node.ObjectNode body) {
        transport.post(user, slurm + "node/" + name, body).requireNoErrors();
    }

    /**
     * With {@code changedSince}, asks with {@code update_time}. When nothing changed since, 24.11 and 26.05
     * answer 200 with no jobs, {@code last_update} 0 and a warning "No job changes since update_time" (22.05
     * answered 304; both lift to "not modified"). Otherwise the full list comes back, whose {@code last_update}
     * is the controller's clock when it answered: the time to pass next.
     */
    @Override
    public JobsSnapshot jobs(Instant changedSince) {
        Map<String, String> query = changedSince == null ? Map.of() : Map.of("update_time", time(changedSince));
        RestTransport.ListResponse<Job> response = transport.getList(user, slurm + "jobs/", query, "jobs",
                j -> V0040Reader.job(j, version)).requireNoErrors();
        return response.response().notModified() ? new JobsSnapshot(true, List.of(), changedSince)
                : V0040Reader.jobsSnapshot(response.items(), response.response().body(), changedSince);
    }

    @Override
    public List<Job> job(long jobId) {
        return V0040Reader.jobs(get(slurm + "job/" + jobId, Map.of()).body(), version);
    }

    /**
     * A job id in the answer means accepted, whatever else it says: a held job comes back with HTTP 200, its id
     * and warnings (plus {@code result.error_code} 2042 on v0.0.40/41), which become the result's notices.
     */
    @Override
    public SubmitResult submit(JobSubmission submission) {
        RestResponse response = transport.post(user, slurm + "job/submit", V0040Writer.submission(submission, version));
        SubmitResult result = V0040Reader.submitResult(response.body(), version);
        if (result != null) {
            return result;
        }
        response.requireNoErrors();
        throw new SlurmException.Rejected("POST " + slurm + "job/submit: no job id in the answer", response.status(),
                response.errors());
    }

    /**
     * DELETE answers HTTP 200 even when the kill failed. v0.0.42+ say why per job in {@code status[].error}
     * (2002 when it is another user's job; 2021 when the job already ended, which is benign: it is not running).
     * v0.0.40/41 say nothing at all (seen on 24.11: another user's DELETE answers 200 with no errors and the
     * job runs on), so there the job is read back: still pending or running means the kill was refused.
     */
    @Override
    public void cancel(long jobId) {
        kill(Long.toString(jobId), jobId, null);
    }

    @Override
    public void cancelTask(long arrayJobId, int taskId) {
        kill(arrayJobId + "_" + taskId, arrayJobId, taskId);
    }

    private void kill(String id, long jobId, Integer taskId) {
        String path = slurm + "job/" + id;
        RestResponse response = transport.delete(user, path, Map.of()).requireNoErrors();
        List<SlurmError> failures = V0040Reader.signalFailures(response.body()).stream()
                .filter(e -> e.number() != ALREADY_DONE).toList();
        if (!failures.isEmpty()) {
            throw ErrorClassifier.classify(response.status(), failures, "DELETE " + path);
        }
        if (version.compareTo(V0042) < 0) {
            confirmCancelled(jobId, taskId, path);
        }
    }

    private void confirmCancelled(long jobId, Integer taskId, String path) {
        List<Job> records;
        try {
            records = job(jobId);
        } catch (SlurmException.NotFound e) {
            return; // already purged: certainly not running
        }
        for (Job j : records) {
            if (taskId != null && !taskId.equals(j.arrayTaskId())) {
                continue; // the other tasks of the array run on, as they should
            }
            if (List.of("PENDING", "RUNNING", "SUSPENDED", "CONFIGURING").contains(j.state())) {
                String message = "DELETE " + path + ": slurmrestd " + version + " reported success but job " + j.jobId()
                        + " of " + j.user() + " is still " + j.state() + " (this API version does not report kill errors)";
                if (j.user() != null && !j.user().equals(user)) {
                    throw new SlurmException.PermissionDenied(message, 200, List.of());
                }
                throw new SlurmException.Rejected(message, 200, List.of());
            }
        }
    }

    /** POST job/{id} answers HTTP 200 with per-job {@code results[].error_code} when an update was refused. */
    @Override
    public void update(long jobId, JobUpdate update) {
        String path = slurm + "job/" + jobId;
        RestResponse response = transport.post(user, path, V0040Writer.jobUpdate(update, version)).requireNoErrors();
        List<SlurmError> failures = V0040Reader.updateFailures(response.body());
        if (!failures.isEmpty()) {
            throw ErrorClassifier.classify(response.status(), failures, "POST " + path);
        }
    }

    /**
     * Sends the filters the endpoint takes and applies all of them again on the client, so a filter the
     * daemon cannot take only widens the answer, never changes the result. Seen on 24.11 and 26.05:
     * {@code account} and {@code partition} take percent-encoded CSV (a raw comma makes 26.05 answer 500);
     * {@code users} takes ONE name (with "a%2Cb" it looks for a user named "a,b") and answers 422 "Unable to
     * resolve user" (error 2166) for a name slurmrestd's host does not know, so several users are filtered on
     * the client only and an unknown one is retried without the filter. One job id goes as {@code step} (which also
     * names array tasks and het components, as {@code sacct -j}; a list there is refused with 422), and ids are
     * filtered on the client again.
     */
    @Override
    public List<AccountingJob> accountingJobs(AccountingQuery q) {
        Map<String, String> query = new LinkedHashMap<>();
        if (q.start() != null) {
            query.put("start_time", time(q.start()));
        }
        if (q.oneJob()) {
            query.put("step", Long.toString(q.jobIds().getFirst()));
        }
        if (q.end() != null) {
            query.put("end_time", time(q.end()));
        }
        if (!q.accounts().isEmpty()) {
            query.put("account", String.join(",", q.accounts()));
        }
        if (!q.partitions().isEmpty()) {
            query.put("partition", String.join(",", q.partitions()));
        }
        RestResponse response;
        if (q.users().size() == 1) {
            Map<String, String> withUser = new LinkedHashMap<>(query);
            withUser.put("users", q.users().getFirst());
            try {
                response = get(slurmdb + "jobs/", withUser);
            } catch (SlurmException.Rejected e) {
                if (e.errors().stream().noneMatch(err -> err.number() == UNKNOWN_USER)) {
                    throw e;
                }
                response = get(slurmdb + "jobs/", query);
            }
        } else {
            response = get(slurmdb + "jobs/", query);
        }
        return V0040Reader.accountingJobs(response.body(), version).stream().filter(j -> matches(q, j)).toList();
    }

    static boolean matches(AccountingQuery q, AccountingJob j) {
        return (q.users().isEmpty() || q.users().contains(j.user()))
                && (q.accounts().isEmpty() || q.accounts().contains(j.account()))
                && (q.partitions().isEmpty() || q.partitions().contains(j.partition()))
                && (q.jobIds().isEmpty() || j.belongsTo(q.jobIds()));
    }

    @Override
    public List<Qos> qos() {
        return V0040Reader.qos(get(slurmdb + "qos/", Map.of()).body(), version);
    }

    @Override
    public void saveQos(QosChange change) {
        transport.post(user, slurmdb + "qos/", V0040Writer.qos(change, version)).requireNoErrors();
    }

    @Override
    public List<Association> associations() {
        return V0040Reader.associations(get(slurmdb + "associations/", Map.of()).body(), version);
    }

    /** Coordinators are listed only when asked for: {@code with_coords} on v0.0.40, {@code WithCoordinators} later. */
    @Override
    public List<Account> accounts() {
        String flag = version.compareTo(V0041) < 0 ? "with_coords" : "WithCoordinators";
        return Accounts.read(get(slurmdb + "accounts/", Map.of(flag, "true")).body());
    }

    /**
     * A time for a query parameter. v0.0.42+ take epoch seconds; v0.0.40/41 refuse them ("Parsing of ... for
     * timestamp failed", HTTP 422) but take Slurm's own "uts<epoch>" form, which is not tied to a time zone.
     */
    String time(Instant t) {
        return (version.compareTo(V0042) < 0 ? "uts" : "") + t.getEpochSecond();
    }

    private RestResponse get(String path, Map<String, String> query) {
        return transport.get(user, path, query).requireNoErrors();
    }
}
