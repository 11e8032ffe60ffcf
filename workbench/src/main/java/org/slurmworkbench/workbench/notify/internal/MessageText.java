package org.slurmworkbench.workbench.notify.internal;

import java.util.Locale;
import java.util.stream.Collectors;
import org.slurmworkbench.workbench.accounting.JobEfficiency;
import org.slurmworkbench.workbench.web.Units;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A message's subject and text in the user's language: what the job page says in short (state, exit code, elapsed
 * against the limit, efficiency when accounting has it) and the link to the job page. Only the job's own data.
 */
@Component
class MessageText {

    record Text(String subject, String body) {
    }

    private final MessageSource messages;
    private final NotifyProperties properties;

    MessageText(MessageSource messages, NotifyProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    Text ended(JobOutcome o, Locale locale) {
        String id = Long.toString(o.jobId());
        String state = o.state() != null ? o.state() : o.states().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        String exit = o.exitCode() == null ? "-" : o.exitCode().toString();
        StringBuilder body = new StringBuilder();
        if (o.tasks() > 1) {
            body.append(msg(locale, "notify.text.array", id, o.name(), o.cluster(), Integer.toString(o.tasks()), state, exit));
        } else {
            body.append(msg(locale, "notify.text.end", id, o.name(), o.cluster(), state, exit));
        }
        body.append('\n').append(o.timeLimitMinutes() == null
                ? msg(locale, "notify.text.elapsedNoLimit", Units.duration(o.elapsedSeconds()))
                : msg(locale, "notify.text.elapsed", Units.duration(o.elapsedSeconds()), Units.duration(o.timeLimitMinutes() * 60L),
                        JobEfficiency.percent(o.timeLimitShare())));
        if (o.cpuEfficiency() != null || o.memoryEfficiency() != null) {
            String unknown = msg(locale, "notify.text.notRecorded");
            body.append('\n').append(msg(locale, "notify.text.efficiency",
                    o.cpuEfficiency() == null ? unknown : JobEfficiency.percent(o.cpuEfficiency()),
                    o.memoryEfficiency() == null ? unknown : JobEfficiency.percent(o.memoryEfficiency())));
        }
        body.append('\n').append(msg(locale, "notify.text.link", link(o.cluster(), o.jobId())));
        String subject = msg(locale, o.failed() ? "notify.subject.failed" : "notify.subject.end", id, o.name(),
                o.cluster(), state);
        return new Text(subject, body.toString());
    }

    Text timeShare(String cluster, long jobId, String name, long elapsedSeconds, int limitMinutes, Locale locale) {
        String id = Long.toString(jobId);
        String share = JobEfficiency.percent(elapsedSeconds / (limitMinutes * 60.0));
        String subject = msg(locale, "notify.subject.time", id, name, cluster, share);
        String body = msg(locale, "notify.text.time", id, name, cluster, Units.duration(elapsedSeconds),
                Units.duration(limitMinutes * 60L), share) + '\n' + msg(locale, "notify.text.link", link(cluster, jobId));
        return new Text(subject, body);
    }

    private String link(String cluster, long jobId) {
        return properties.publicUrl() + "/submit/jobs/" + cluster + "/" + jobId;
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
