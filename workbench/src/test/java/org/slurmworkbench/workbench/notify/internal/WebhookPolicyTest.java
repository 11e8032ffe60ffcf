package org.slurmworkbench.workbench.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class WebhookPolicyTest {

    private static WebhookPolicy policy(List<String> allowed, List<String> privateHosts, int appPort) {
        NotifyProperties p = new NotifyProperties(null, null, null, null, null, null, null, null, null, null,
                new NotifyProperties.Webhook(allowed, privateHosts, null));
        return new WebhookPolicy(p, new MockEnvironment().withProperty("local.server.port", Integer.toString(appPort)));
    }

    private static String reason(WebhookPolicy p, String url) {
        WebhookPolicy.Refusal r = p.check(url);
        return r == null ? null : r.reason();
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentials() {
        WebhookPolicy p = policy(List.of("192.0.2.10"), List.of(), 8080);
        assertThat(reason(p, "ftp://192.0.2.10/x")).isEqualTo("url");
        assertThat(reason(p, "http://user:pw@192.0.2.10/x")).isEqualTo("url");
        assertThat(reason(p, "not a url")).isEqualTo("url");
        assertThat(reason(p, "http://192.0.2.10/hook")).isNull();
    }

    @Test
    void onlyHostsAnAdminAllows() {
        WebhookPolicy p = policy(List.of("*.example.net", "192.0.2.10"), List.of(), 8080);
        assertThat(reason(p, "http://192.0.2.11/hook")).isEqualTo("notAllowed");
        assertThat(reason(p, "http://evil-example.net/hook")).isEqualTo("notAllowed");
        assertThat(reason(policy(List.of(), List.of(), 8080), "http://192.0.2.10/hook")).isEqualTo("notAllowed");
    }

    @Test
    void loopbackLinkLocalAndWildcardAreRefusedEvenWhenListed() {
        WebhookPolicy p = policy(List.of("127.0.0.1", "localhost", "169.254.169.254", "0.0.0.0", "::1", "fe80::1"),
                List.of("127.0.0.1", "localhost", "169.254.169.254", "0.0.0.0", "::1", "fe80::1"), 8080);
        assertThat(reason(p, "http://127.0.0.1:9/x")).isEqualTo("loopback");
        assertThat(reason(p, "http://localhost:9/x")).isEqualTo("loopback");
        assertThat(reason(p, "http://[::1]:9/x")).isEqualTo("loopback");
        assertThat(reason(p, "http://0.0.0.0:9/x")).isEqualTo("loopback");
        assertThat(reason(p, "http://169.254.169.254/latest/meta-data")).isEqualTo("linkLocal");
        assertThat(reason(p, "http://[fe80::1]/x")).isEqualTo("linkLocal");
    }

    @Test
    void privateAddressesOnlyForHostsListedAsPrivate() {
        WebhookPolicy refused = policy(List.of("10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "fd00::5"), List.of(), 8080);
        for (String url : List.of("http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/", "http://100.64.0.1/",
                "http://[fd00::5]/")) {
            assertThat(reason(refused, url)).as(url).isEqualTo("private");
        }
        assertThat(reason(policy(List.of("10.1.2.3"), List.of("10.1.2.3"), 8080), "http://10.1.2.3/")).isNull();
    }

    @Test
    void theAppItselfIsRefusedOnItsPortOnly() throws Exception {
        InetAddress own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && a instanceof java.net.Inet4Address)
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(own != null, "no non-loopback IPv4 address on this machine");
        String host = own.getHostAddress();
        WebhookPolicy p = policy(List.of(host), List.of(host), 8443);
        assertThat(reason(p, "http://" + host + ":8443/")).isEqualTo("self");
        assertThat(reason(p, "http://" + host + ":8444/")).isNull();
    }
}
