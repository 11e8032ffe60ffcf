package org.slurmworkbench.workbench.glidein.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code glidein_requests} table: who asked for which pilots, and the Slurm array they became. */
@Repository
class GlideinRequestStore {

    /** A stored request. {@code request} never holds a pasted token. */
    record Stored(long id, String cluster, String owner, String slurmUser, String pool, String collector, int pilots,
                  String credential, GlideinRequest request, Long arrayJobId, Instant createdAt, Instant cancelledAt) {

        public String name() {
            return GlideinFactory.jobName(id);
        }
    }

    private static final String COLUMNS = "id, cluster, owner, slurm_user, pool, collector, pilots, credential, request, "
            + "array_job_id, created_at, cancelled_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GlideinRequestStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a request before it is sent (so its id can name the Slurm job); answers the id. */
    long insert(String cluster, String owner, String slurmUser, GlideinRequest r) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO glidein_requests (cluster, owner, slurm_user, pool, collector, pilots, credential, request) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(cluster, owner, slurmUser, r.pool(), r.collector(), r.count(), r.credential(),
                        json.writeValueAsString(r.withoutToken()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    void submitted(long id, long arrayJobId) {
        jdbc.sql("UPDATE glidein_requests SET array_job_id = ? WHERE id = ?").params(arrayJobId, id).update();
    }

    /** Removes a request Slurm refused: there is nothing to follow. */
    void delete(long id) {
        jdbc.sql("DELETE FROM glidein_requests WHERE id = ?").param(id).update();
    }

    void cancelled(long id) {
        jdbc.sql("UPDATE glidein_requests SET cancelled_at = CURRENT_TIMESTAMP(3) WHERE id = ? AND cancelled_at IS NULL")
                .param(id).update();
    }

    Optional<Stored> find(String cluster, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM glidein_requests WHERE cluster = ? AND id = ? AND array_job_id IS NOT NULL")
                .params(cluster, id).query(this::row).optional();
    }

    /** The cluster's requests of {@code owner} (null: everyone's), newest first. */
    List<Stored> list(String cluster, String owner, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM glidein_requests WHERE cluster = ? AND array_job_id IS NOT NULL"
                        + " AND (? IS NULL OR owner = ?) ORDER BY id DESC LIMIT ?")
                .params(cluster, owner, owner, limit).query(this::row).list();
    }

    private Stored row(ResultSet rs, int i) throws SQLException {
        long array = rs.getLong("array_job_id");
        Long arrayJobId = rs.wasNull() ? null : array;
        return new Stored(rs.getLong("id"), rs.getString("cluster"), rs.getString("owner"), rs.getString("slurm_user"),
                rs.getString("pool"), rs.getString("collector"), rs.getInt("pilots"), rs.getString("credential"),
                json.readValue(rs.getString("request"), GlideinRequest.class), arrayJobId, instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("cancelled_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
