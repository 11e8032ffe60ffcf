package org.slurmworkbench.workbench.security.internal;

import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * Accepts SPNEGO (Kerberos) tokens for the service principal with the key from its keytab, through the JDK's GSS-API.
 * The keytab is read into a JAAS subject here, without a JAAS configuration file.
 */
final class SpnegoAcceptor {

    static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
    static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    private static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

    /** An accepted token: who sent it, and the reply token for the client (null when none). */
    record Accepted(String clientPrincipal, byte[] replyToken) {
    }

    private final Subject service;
    private final GSSCredential credential;
    private final String servicePrincipal;

    private SpnegoAcceptor(Subject service, GSSCredential credential, String servicePrincipal) {
        this.service = service;
        this.credential = credential;
        this.servicePrincipal = servicePrincipal;
    }

    /** @throws IllegalStateException when the keytab holds no key of the principal */
    static SpnegoAcceptor open(String servicePrincipal, String realm, java.nio.file.Path keytab) {
        KerberosPrincipal principal = new KerberosPrincipal(KerberosNames.principal(servicePrincipal, realm),
                KerberosPrincipal.KRB_NT_SRV_HST);
        KeyTab keys = KeyTab.getInstance(principal, keytab.toFile());
        if (keys.getKeys(principal).length == 0) {
            throw new IllegalStateException("workbench.security.kerberos.keytab: " + keytab + " holds no key of "
                    + principal.getName() + " (or no key type the JDK accepts)");
        }
        Subject service = new Subject(true, Set.of(principal), Set.of(), Set.of(keys));
        GSSManager gss = GSSManager.getInstance();
        try {
            GSSCredential credential = Subject.callAs(service, () -> gss.createCredential(
                    gss.createName(principal.getName(), KRB5_PRINCIPAL_NAME), GSSCredential.INDEFINITE_LIFETIME,
                    new Oid[]{SPNEGO, KRB5}, GSSCredential.ACCEPT_ONLY));
            return new SpnegoAcceptor(service, credential, principal.getName());
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("cannot use the keytab " + keytab + " for " + principal.getName() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** @throws GSSException when the token is not a valid, complete Kerberos/SPNEGO token for this service */
    Accepted accept(byte[] token) throws GSSException {
        GSSContext context = GSSManager.getInstance().createContext(credential);
        try {
            byte[] reply = Subject.callAs(service, () -> context.acceptSecContext(token, 0, token.length));
            if (!context.isEstablished()) {
                // Kerberos in SPNEGO completes in one round trip; a token that needs more is no Kerberos ticket (NTLM).
                throw new GSSException(GSSException.DEFECTIVE_TOKEN, 0, "not a Kerberos token (more round trips asked)");
            }
            return new Accepted(context.getSrcName().toString(), reply);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof GSSException g ? g
                    : new GSSException(GSSException.FAILURE, 0, String.valueOf(e.getCause()));
        } finally {
            context.dispose();
        }
    }

    /**
     * Who the KDC says a freshly logged-in client is, proven by a service ticket for this service that the keytab
     * opens: a ticket-granting ticket alone could come from a KDC an attacker answers for.
     */
    String verify(Subject client) throws GSSException {
        GSSManager gss = GSSManager.getInstance();
        byte[] token;
        try {
            token = Subject.callAs(client, () -> {
                GSSContext context = gss.createContext(gss.createName(servicePrincipal, KRB5_PRINCIPAL_NAME), KRB5, null,
                        GSSContext.DEFAULT_LIFETIME);
                try {
                    return context.initSecContext(new byte[0], 0, 0);
                } finally {
                    context.dispose();
                }
            });
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof GSSException g ? g
                    : new GSSException(GSSException.FAILURE, 0, String.valueOf(e.getCause()));
        }
        return accept(token).clientPrincipal();
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
