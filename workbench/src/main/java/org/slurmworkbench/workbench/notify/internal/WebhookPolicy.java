package org.slurmworkbench.workbench.notify.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may go: http(s) to a host an admin allows ({@code workbench.notify.webhook.allowed-hosts}), every
 * address the host resolves to being neither loopback, link-local (cloud metadata), wildcard nor multicast, nor private
 * unless the host is in {@code private-hosts}, nor this app itself (an address of this machine with the app's port).
 * Checked when the user saves the URL and again right before each send, on the addresses the name resolves to then
 * (DNS rebinding): the JVM keeps a name's answer for 30 s, so the sending client connects to the addresses checked.
 */
@Component
class WebhookPolicy {

    /** Why a URL is refused: a message key under {@code notify.error.webhook.} with the host and the address. */
    record Refusal(String reason, String host, String address) {

        String messageKey() {
            return "notify.error.webhook." + reason;
        }

        Object[] args() {
            return new Object[]{host, address};
        }

        @Override
        public String toString() {
            return reason + " " + host + (address == null ? "" : " (" + address + ")");
        }
    }

    private final NotifyProperties.Webhook settings;
    private final Environment environment;

    WebhookPolicy(NotifyProperties properties, Environment environment) {
        this.settings = properties.webhook();
        this.environment = environment;
    }

    List<String> allowedHosts() {
        return settings.allowedHosts();
    }

    /** @return why {@code url} is refused, or null when a webhook may go there now */
    Refusal check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Refusal("url", "", null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getRawUserInfo() != null) {
            return new Refusal("url", host == null ? "" : host, null);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!listed(host, settings.allowedHosts())) {
            return new Refusal("notAllowed", host, null);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Refusal("unresolved", host, null);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        for (InetAddress a : addresses) {
            String address = a.getHostAddress();
            if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
                return new Refusal("loopback", host, address);
            }
            if (a.isLinkLocalAddress() || a.isMulticastAddress()) {
                return new Refusal("linkLocal", host, address);
            }
            if (isPrivate(a) && !listed(host, settings.privateHosts())) {
                return new Refusal("private", host, address);
            }
            if (port == appPort() && onThisMachine(a)) {
                return new Refusal("self", host, address + ":" + port);
            }
        }
        return null;
    }

    /** An exact name, or {@code *.example.org} for any name below it. */
    static boolean listed(String host, List<String> entries) {
        for (String e : entries) {
            String entry = e.strip().toLowerCase(Locale.ROOT);
            if (entry.equals(host) || entry.startsWith("*.") && host.endsWith(entry.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** RFC 1918, shared address space (RFC 6598) and IPv6 unique local addresses (fc00::/7). */
    static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return a.isSiteLocalAddress() || (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        return a instanceof Inet6Address && ((b[0] & 0xfe) == 0xfc || a.isSiteLocalAddress());
    }

    private int appPort() {
        return environment.getProperty("local.server.port", Integer.class,
                environment.getProperty("server.port", Integer.class, 8080));
    }

    private static boolean onThisMachine(InetAddress a) {
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return true; // cannot tell: refuse rather than call ourselves
        }
    }
}
