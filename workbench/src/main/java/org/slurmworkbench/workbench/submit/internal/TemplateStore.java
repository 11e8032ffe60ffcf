package org.slurmworkbench.workbench.submit.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code job_templates} table: forms users saved, visible to their owner and, when shared, to their account. */
@Repository
class TemplateStore {

    /** A saved template as the form lists it. */
    public record Saved(long id, String owner, String name, String account, boolean shared) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TemplateStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Saves (or replaces, by owner and name) a template; answers its id. */
    long save(String owner, String name, boolean shared, JobForm form) {
        String account = form.account() == null || form.account().isBlank() ? null : form.account();
        String body = json.writeValueAsString(new JobForm(null, form.name(), form.partition(), form.account(), form.qos(),
                form.nodes(), form.tasks(), form.cpusPerTask(), form.memory(), form.memoryPer(), form.gpus(),
                form.timeLimit(), form.array(), form.workDir(), form.output(), form.error(), form.environment(),
                form.dependency(), form.begin(), form.hold(), form.comment(), form.script(), null));
        jdbc.sql("""
                INSERT INTO job_templates (owner, name, account, shared, form) VALUES (?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE account = VALUES(account), shared = VALUES(shared), form = VALUES(form)""")
                .params(owner, name, account, shared && account != null, body).update();
        return jdbc.sql("SELECT id FROM job_templates WHERE owner = ? AND name = ?").params(owner, name)
                .query(Long.class).single();
    }

    /** The user's own templates and those shared with one of {@code accounts}. */
    List<Saved> visible(String owner, Collection<String> accounts) {
        return jdbc.sql("SELECT id, owner, name, account, shared FROM job_templates WHERE owner = ? OR shared = TRUE ORDER BY name")
                .param(owner).query((rs, i) ->
                        new Saved(rs.getLong("id"), rs.getString("owner"), rs.getString("name"), rs.getString("account"),
                                rs.getBoolean("shared"))).list().stream()
                .filter(t -> t.owner().equals(owner) || t.shared() && accounts.contains(t.account())).toList();
    }

    /** One template's form, if the user may see it. */
    Optional<JobForm> form(long id, String owner, Collection<String> accounts) {
        if (visible(owner, accounts).stream().noneMatch(t -> t.id() == id)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT form FROM job_templates WHERE id = ?").param(id).query(String.class).optional()
                .map(body -> json.readValue(body, JobForm.class));
    }

    /** The template's owner, if it exists. */
    Optional<String> owner(long id) {
        return jdbc.sql("SELECT owner FROM job_templates WHERE id = ?").param(id).query(String.class).optional();
    }

    /** Renames a template; false when its owner already has one of that name. */
    boolean rename(long id, String name) {
        String owner = owner(id).orElseThrow();
        if (jdbc.sql("SELECT COUNT(*) FROM job_templates WHERE owner = ? AND name = ? AND id <> ?").params(owner, name, id)
                .query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("UPDATE job_templates SET name = ? WHERE id = ?").params(name, id).update();
        return true;
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM job_templates WHERE id = ?").param(id).update();
    }
}
