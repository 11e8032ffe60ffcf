package org.slurmworkbench.workbench.notify.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.lease.Leases;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox, every {@code send-interval}, on the holder of the {@code notify} lease: per channel at most
 * {@code <channel>-per-minute} messages in any 60 s, counted from the claims and deliveries in the outbox itself (not
 * a bucket in memory), so a restart or another instance taking over does not start a fresh allowance; at most {@code batch} per
 * round, a batch of mails over one SMTP connection. Each message is claimed before it is sent and marked sent after
 * the channel accepted it: a crash between the two sends that one message again after {@code resend-after}
 * (at least once; never lost).
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final OutboxStore outbox;
    private final MailChannel mail;
    private final WebhookChannel webhooks;
    private final Leases leases;
    private final NotifyProperties properties;

    OutboxSender(OutboxStore outbox, MailChannel mail, WebhookChannel webhooks, Leases leases, NotifyProperties properties) {
        this.outbox = outbox;
        this.mail = mail;
        this.webhooks = webhooks;
        this.leases = leases;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${workbench.notify.send-interval:1s}", initialDelayString = "${workbench.notify.send-interval:1s}")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            send();
        } catch (RuntimeException e) {
            log.warn("Sending notifications failed", e);
        }
    }

    /** One round, if this instance holds the lease. @return messages the channels accepted */
    int send() {
        if (!leases.hold(EndDetector.LEASE, EndDetector.lease(properties))) {
            return 0;
        }
        int sent = 0;
        for (Channel channel : Channel.values()) {
            if (channel == Channel.EMAIL && !mail.available()) {
                continue;
            }
            int room = Math.min(properties.perMinute(channel) - outbox.usedInLastMinute(channel), properties.batch());
            if (room <= 0) {
                continue;
            }
            List<OutboxStore.Message> batch = outbox.claim(channel, room, properties.resendAfter());
            if (!batch.isEmpty()) {
                sent += channel == Channel.EMAIL ? sendMail(batch) : sendWebhooks(batch);
            }
        }
        return sent;
    }

    private int sendMail(List<OutboxStore.Message> batch) {
        int[] ok = {0};
        mail.send(batch, m -> {
            outbox.sent(List.of(m.id()));
            ok[0]++;
        }, (m, error) -> failed(m, error, false));
        return ok[0];
    }

    private int sendWebhooks(List<OutboxStore.Message> batch) {
        List<Long> ok = new ArrayList<>();
        for (OutboxStore.Message m : batch) {
            WebhookChannel.Failure f = webhooks.send(m);
            if (f == null) {
                ok.add(m.id());
                outbox.sent(List.of(m.id())); // one by one: a crash mid-batch sends again only the one in flight
            } else {
                failed(m, f.error(), f.last());
            }
        }
        return ok.size();
    }

    private void failed(OutboxStore.Message m, String error, boolean last) {
        boolean giveUp = last || m.attempts() + 1 >= OutboxStore.MAX_ATTEMPTS;
        log.warn("{} message {} about job {} on {} for {} not sent (try {}{}): {}", m.channel(), m.id(), m.jobId(),
                m.cluster(), m.username(), m.attempts() + 1, giveUp ? ", the last" : "", error);
        outbox.failed(m.id(), error, last);
    }
}
