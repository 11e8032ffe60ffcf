package org.slurmworkbench.workbench.notify.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns an observed end (or time-limit share) of an opted-in job into outbox rows, one per channel the user has set
 * up, in the user's language, and marks the opt-in dealt with in the same transaction: a crash leaves either both or
 * neither, and the outbox's unique key keeps one message per job, kind and channel whoever writes it.
 */
@Component
class MessageWriter {

    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

    static final String END = "END";
    static final String TIME = "TIME";

    private final ProfileStore profiles;
    private final OptInStore optIns;
    private final OutboxStore outbox;
    private final MessageText texts;
    private final ObjectProvider<JavaMailSender> mail;

    MessageWriter(ProfileStore profiles, OptInStore optIns, OutboxStore outbox, MessageText texts,
                  ObjectProvider<JavaMailSender> mail) {
        this.profiles = profiles;
        this.optIns = optIns;
        this.outbox = outbox;
        this.texts = texts;
        this.mail = mail;
    }

    /** The job (all of an array's tasks) ended: a message when the user asked for this end, then the opt-in is closed. */
    @Transactional
    int ended(OptIn o, JobOutcome outcome) {
        int added = 0;
        if (o.choices().onEnd() || o.choices().onFail() && outcome.failed()) {
            Profile p = profiles.findOrEmpty(o.username());
            added = add(o, END, p, texts.ended(outcome, p.locale()));
        }
        optIns.endDone(o);
        return added;
    }

    /** A running job reached the share of its time limit the user asked about. */
    @Transactional
    int timeShare(OptIn o, String name, long elapsedSeconds, int limitMinutes) {
        Profile p = profiles.findOrEmpty(o.username());
        int added = add(o, TIME, p, texts.timeShare(o.cluster(), o.jobId(), name, elapsedSeconds, limitMinutes, p.locale()));
        optIns.timeDone(o);
        return added;
    }

    private int add(OptIn o, String kind, Profile p, MessageText.Text text) {
        List<Channel> channels = new ArrayList<>();
        if (p.email() != null && mail.getIfAvailable() != null) {
            channels.add(Channel.EMAIL);
        }
        if (p.webhookUrl() != null) {
            channels.add(Channel.WEBHOOK);
        }
        if (channels.isEmpty()) {
            log.info("Job {} on {} {}: {} has no address or webhook the site can use; nothing sent", o.jobId(),
                    o.cluster(), kind, o.username());
        }
        int added = 0;
        for (Channel c : channels) {
            if (outbox.add(o.cluster(), o.jobId(), kind, c, o.username(), c == Channel.EMAIL ? p.email() : p.webhookUrl(),
                    text)) {
                added++;
            }
        }
        return added;
    }
}
