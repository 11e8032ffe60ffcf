package org.slurmworkbench.workbench.submit.internal;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The job_scripts table: the script of each job submitted through the workbench, under the id Slurm answered. */
@Component
class JobScriptStore {

    /** A stored script and the Slurm user the job was submitted as (its owner). */
    record Stored(String slurmUser, String script) {
    }

    private final JdbcClient jdbc;

    JobScriptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(String cluster, long jobId, String slurmUser, String script) {
        // a job id that Slurm reuses after a restart of its counter replaces the old script
        jdbc.sql("""
                INSERT INTO job_scripts (cluster, job_id, slurm_user, script) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE slurm_user = VALUES(slurm_user), script = VALUES(script),
                    submitted_at = CURRENT_TIMESTAMP(3)""")
                .params(cluster, jobId, slurmUser, script).update();
    }

    Optional<Stored> find(String cluster, long jobId) {
        return jdbc.sql("SELECT slurm_user, script FROM job_scripts WHERE cluster = ? AND job_id = ?")
                .params(cluster, jobId).query((rs, n) -> new Stored(rs.getString(1), rs.getString(2))).optional();
    }
}
