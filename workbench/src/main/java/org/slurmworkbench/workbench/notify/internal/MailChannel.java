package org.slurmworkbench.workbench.notify.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import jakarta.mail.Transport;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Mail through the SMTP server the site configures ({@code spring.mail.*}; Boot's {@link JavaMailSenderImpl}, whose
 * session and server this uses): a batch goes over one connection. Each
 * message's Message-ID is made from its outbox key, so the one message a crash between send and mark sends again
 * is the same message to mail clients that drop duplicates.
 */
@Component
class MailChannel {

    private final ObjectProvider<JavaMailSender> sender;
    private final NotifyProperties properties;

    MailChannel(ObjectProvider<JavaMailSender> sender, NotifyProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    boolean available() {
        return sender.getIfAvailable() instanceof JavaMailSenderImpl;
    }

    /**
     * Sends the batch over one connection, telling {@code sent} of each message the server accepted as soon as it did
     * (so a crash mid-batch sends again only the one in flight) and {@code failed} of each it did not.
     */
    void send(List<OutboxStore.Message> batch, Consumer<OutboxStore.Message> sent,
              BiConsumer<OutboxStore.Message, String> failed) {
        JavaMailSenderImpl mail = (JavaMailSenderImpl) sender.getObject();
        try (Transport transport = mail.getSession().getTransport(mail.getProtocol())) {
            transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
            for (OutboxStore.Message m : batch) {
                try {
                    MimeMessage mime = mime(mail.getSession(), m);
                    mime.saveChanges();
                    transport.sendMessage(mime, mime.getAllRecipients());
                    sent.accept(m);
                } catch (MessagingException e) {
                    failed.accept(m, e.toString());
                }
            }
        } catch (MessagingException e) {
            // could not connect (or close): whatever was not accepted yet is sent again later
            batch.forEach(m -> failed.accept(m, "SMTP: " + e));
        }
    }

    private MimeMessage mime(Session session, OutboxStore.Message m) throws MessagingException {
        String messageId = "<notify-" + m.id() + "." + m.cluster() + "." + m.jobId() + "." + m.kind() + "@slurm-workbench>";
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(new InternetAddress(properties.mailFrom()));
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(m.recipient(), true));
        mime.setSubject(m.subject(), StandardCharsets.UTF_8.name());
        mime.setText(m.body(), StandardCharsets.UTF_8.name());
        mime.setHeader("X-Workbench-Job", m.cluster() + "/" + m.jobId() + "/" + m.kind());
        return mime;
    }
}
