package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * Everything the workbench asks of one cluster, acting as one Slurm user. Obtain it with
 * {@link SlurmClient#as(String)}; each API family implements it and lifts its answers to these records.
 * Reads retry with backoff when the connection to slurmrestd fails; writes are sent once.
 */
public interface SlurmApi {

    ClusterInfo info();

    List<Ping> ping();

    Diag diag();

    List<Node> nodes();

    List<Partition> partitions();

    /** Every reservation slurmctld holds, current and future ({@code scontrol show res}). */
    List<Reservation> reservations();

    /**
     * Whether this API version can change a node's state (drain, resume): node update exists from v0.0.40 (Slurm
     * 24.11 and later); 22.05's v0.0.38 only reads nodes.
     */
    boolean offersNodeUpdate();

    /**
     * Drains the node: it finishes its jobs and takes no new ones; {@code reason} is shown with its state. Needs Slurm
     * operator/admin rights. @throws SlurmException.NotOffered where {@link #offersNodeUpdate()} is false
     */
    void drainNode(String name, String reason);

    /** Returns a drained or down node to service (state RESUME). @throws SlurmException.NotOffered as {@link #drainNode} */
    void resumeNode(String name);

    /**
     * Whether this API version can create and delete reservations: {@code POST reservation} and
     * {@code DELETE reservation/{name}} exist from v0.0.43 (Slurm 25.05; on the lab 26.05's v0.0.45); 24.11's v0.0.40-42
     * and 22.05's v0.0.38 only read them.
     */
    boolean offersReservationChanges();

    /**
     * Creates the reservation. Needs Slurm operator/admin rights. @throws SlurmException.NotOffered where
     * {@link #offersReservationChanges()} is false; SlurmException.Rejected with Slurm's reason (nodes busy, name taken, ...)
     */
    void createReservation(NewReservation reservation);

    /** Deletes the reservation. @throws SlurmException.NotOffered as {@link #createReservation} */
    void deleteReservation(String name);

    /** Whether this API version offers the fairshare tree ({@code /shares}, v0.0.40 and later; not on 22.05's v0.0.38). */
    boolean offersShares();

    /**
     * Every association of the fairshare tree, accounts and users, in the order {@code sshare -a -l} prints them
     * (each account followed by its users and sub-accounts). @throws SlurmException.NotOffered where
     * {@link #offersShares()} is false
     */
    List<Share> shares();

    /**
     * Whether this API version dumps slurmctld's configuration ({@code GET /slurm/v0.0.45/conf}, Slurm 26.05; no
     * earlier version the client speaks offers it).
     */
    boolean offersConfig();

    /**
     * The scheduler's configuration from slurm.conf, by slurm.conf key in a fixed order: SchedulerType,
     * SchedulerParameters, PriorityType, the PriorityWeight* keys, SelectType and SelectTypeParameters; lists joined
     * by commas; a key slurmctld leaves out is absent. @throws SlurmException.NotOffered where {@link #offersConfig()}
     * is false
     */
    java.util.Map<String, String> schedulerConfig();

    /** All jobs slurmctld holds. */
    default List<Job> jobs() {
        return jobs(null).jobs();
    }

    /**
     * Jobs, or "not modified" when {@code changedSince} is given and nothing changed since then
     * (where the API version offers {@code update_time}; otherwise always a full list).
     */
    JobsSnapshot jobs(Instant changedSince);

    /** One job; for an array id, every task record slurmctld holds for it. */
    List<Job> job(long jobId);

    SubmitResult submit(JobSubmission submission);

    /** Cancels a job (all tasks of an array when given the array id). */
    void cancel(long jobId);

    /**
     * Cancels one array task, addressed as Slurm writes it ({@code 123_4}): whether it still waits inside the
     * array's pending record or runs under its own job id (which 22.05's REST API refuses to kill by that id).
     */
    void cancelTask(long arrayJobId, int taskId);

    void update(long jobId, JobUpdate update);

    List<AccountingJob> accountingJobs(AccountingQuery query);

    List<Qos> qos();

    /** Creates the QOS or changes the limits named in {@code change}. Needs Slurm operator/admin rights. */
    void saveQos(QosChange change);

    List<Association> associations();

    /** Every account with its coordinators (direct and inherited). */
    List<Account> accounts();
}
