package org.slurmworkbench.workbench.notify.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code workbench.notify.*}: whether this instance looks for job ends and sends ({@code enabled}; with several
 * instances only the holder of the {@code notify} lease does), how often it looks ({@code interval}) and sends
 * ({@code send-interval}), the most messages per minute per channel, how many go in one batch, when a message taken
 * by a sender that died is sent again, how long an end waits for its efficiency numbers from accounting, the
 * sender address, the link base, and which hosts webhooks may go to.
 */
@ConfigurationProperties("workbench.notify")
record NotifyProperties(Boolean enabled, Duration interval, Duration sendInterval, Integer emailPerMinute,
                        Integer webhookPerMinute, Integer batch, Duration resendAfter, Duration efficiencyWait,
                        String mailFrom, String publicUrl, Webhook webhook) {

    NotifyProperties {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        sendInterval = sendInterval == null ? Duration.ofSeconds(1) : sendInterval;
        emailPerMinute = emailPerMinute == null ? 120 : emailPerMinute;
        webhookPerMinute = webhookPerMinute == null ? 120 : webhookPerMinute;
        batch = batch == null ? 50 : batch;
        resendAfter = resendAfter == null ? Duration.ofMinutes(2) : resendAfter;
        efficiencyWait = efficiencyWait == null ? Duration.ofSeconds(90) : efficiencyWait;
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "slurm-workbench@localhost" : mailFrom;
        publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        webhook = webhook == null ? new Webhook(null, null, null) : webhook;
    }

    int perMinute(Channel channel) {
        return channel == Channel.EMAIL ? emailPerMinute : webhookPerMinute;
    }

    /**
     * {@code allowed-hosts}: host names (or {@code *.example.org}) webhooks may go to, none by default;
     * {@code private-hosts}: those of them that may resolve to a private address (10/8, 172.16/12, 192.168/16,
     * 100.64/10, fc00::/7); loopback, link-local and this app itself are refused whatever the lists say.
     */
    record Webhook(List<String> allowedHosts, List<String> privateHosts, Duration timeout) {

        Webhook {
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
            privateHosts = privateHosts == null ? List.of() : List.copyOf(privateHosts);
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }
}
