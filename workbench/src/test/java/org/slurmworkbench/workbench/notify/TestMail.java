package org.slurmworkbench.workbench.notify;

import jakarta.mail.internet.MimeMessage;

/** What a test reads of a received mail. */
final class TestMail {

    private TestMail() {
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
