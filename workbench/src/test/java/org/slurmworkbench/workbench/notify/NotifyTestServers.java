package org.slurmworkbench.workbench.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The receivers of the notification tests: a real SMTP server (GreenMail) on loopback, and a webhook receiver (the
 * JDK's HttpServer) on this machine's first non-loopback IPv4 address, since webhooks to loopback are refused.
 */
final class NotifyTestServers implements AutoCloseable {

    final GreenMail mail;
    final HttpServer hooks;
    final String host;
    private final int smtpPort;
    final List<String> hookBodies = new CopyOnWriteArrayList<>();

    NotifyTestServers() throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        smtpPort = port;
        host = machineAddress();
        hooks = HttpServer.create(new InetSocketAddress(host, 0), 0);
        hooks.createContext("/hook", exchange -> {
            hookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hooks.start();
    }

    int smtpPort() {
        return smtpPort;
    }

    String hookUrl() {
        return "http://" + host + ":" + hooks.getAddress().getPort() + "/hook";
    }

    /** The X-Workbench-Job header (cluster/job/kind) of every mail received so far, in order. */
    List<String> mailKeys() {
        return java.util.Arrays.stream(mail.getReceivedMessages()).map(NotifyTestServers::key).toList();
    }

    static String key(MimeMessage m) {
        try {
            return m.getHeader("X-Workbench-Job", null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String machineAddress() throws IOException {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!i.isUp() || i.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(i.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        throw new IllegalStateException("no non-loopback IPv4 address for the webhook receiver");
    }

    @Override
    public void close() {
        hooks.stop(0);
        mail.stop();
    }
}
