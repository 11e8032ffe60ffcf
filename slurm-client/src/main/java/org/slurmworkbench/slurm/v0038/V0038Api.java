package org.slurmworkbench.slurm.v0038;

import java.time.Instant;
import java.util.List;
import org.slurmworkbench.slurm.*;
import org.slurmworkbench.slurm.rest.RestTransport;

/** PLACEHOLDER: being written. */
public final class V0038Api implements SlurmApi {
    private final RestTransport transport;
    private final ClusterInfo info;
    private final String user;

    public V0038Api(RestTransport transport, ClusterInfo info, String user) {
        this.transport = transport;
        this.info = info;
        this.user = user;
    }

    @Override public ClusterInfo info() { return info; }
    @Override public List<Ping> ping() { throw new UnsupportedOperationException(); }
    @Override public Diag diag() { throw new UnsupportedOperationException(); }
    @Override public List<Node> nodes() { throw new UnsupportedOperationException(); }
    @Override public List<Partition> partitions() { throw new UnsupportedOperationException(); }
    @Override public JobsSnapshot jobs(Instant changedSince) { throw new UnsupportedOperationException(); }
    @Override public List<Job> job(long jobId) { throw new UnsupportedOperationException(); }
    @Override public SubmitResult submit(JobSubmission submission) { throw new UnsupportedOperationException(); }
    @Override public void cancel(long jobId) { throw new UnsupportedOperationException(); }
    @Override public void update(long jobId, JobUpdate update) { throw new UnsupportedOperationException(); }
    @Override public List<AccountingJob> accountingJobs(AccountingQuery query) { throw new UnsupportedOperationException(); }
    @Override public List<Qos> qos() { throw new UnsupportedOperationException(); }
    @Override public void saveQos(QosChange change) { throw new UnsupportedOperationException(); }
    @Override public List<Association> associations() { throw new UnsupportedOperationException(); }
}
