package org.slurmworkbench.workbench.fairshare.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.slurmworkbench.slurm.Share;

/**
 * The fairshare tree of one cluster as one viewer may see it: root, its accounts and sub-accounts, and under each
 * account its users, in the order {@code sshare -a -l} prints them.
 */
@Schema(description = "The fairshare tree as sshare -a -l shows it; scope 'all' (admins) or 'own' (other users: every "
        + "account, and of the users themselves and the users of accounts they coordinate)")
record FairshareTree(String cluster, String release, String apiVersion, Instant readAt, String scope, Node root) {

    /**
     * One account or user. Null where sshare prints nothing (root's raw shares, an account's fairshare factor, the
     * level FS of root); {@code levelFsInfinite} where it prints "inf". {@code hiddenUsers}: user rows of this account
     * the viewer may not see.
     */
    record Node(String kind, String account, String user, String partition, Long rawShares, Double normShares,
                long rawUsage, Double normUsage, Double effectiveUsage, Double fairshare, Double levelFs,
                boolean levelFsInfinite, int hiddenUsers, List<Node> children) {

        static Node of(Share s, List<Node> children, int hidden) {
            return new Node(s.user() ? "user" : "account", s.account(), s.user() ? s.name() : null, s.partition(),
                    s.rawShares(), s.normShares(), s.rawUsage(), s.normUsage(), s.effectiveUsage(), s.fairshare(),
                    s.levelFs(), s.levelFsInfinite(), hidden, children);
        }

        /** Every node below this one, depth first, this one first (as sshare lists them). */
        @JsonIgnore
        public List<Node> flat() {
            List<Node> out = new ArrayList<>();
            out.add(this);
            children.forEach(c -> out.addAll(c.flat()));
            return out;
        }

        /** A normalized value with four decimals (the page's tooltip has sshare's six); empty where unset. */
        public String dec(Double v) {
            return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
        }

        /** As sshare prints it: six decimals. */
        public String exact(Double v) {
            return v == null ? "" : String.format(Locale.ROOT, "%.6f", v);
        }

        public String whole(Long v) {
            return v == null ? "" : String.format(Locale.ROOT, "%,d", v);
        }
    }

    /**
     * The tree of {@code shares} (sshare's order: each account followed by its users and sub-accounts) with the user
     * rows {@code visibleUser} refuses left out and counted on their account.
     */
    static Node build(List<Share> shares, Predicate<Share> visibleUser) {
        Map<String, List<Share>> byParent = new LinkedHashMap<>();
        Share root = null;
        for (Share s : shares) {
            if (!s.user() && s.parent().isEmpty()) {
                root = s;
            } else {
                byParent.computeIfAbsent(s.parent(), k -> new ArrayList<>()).add(s);
            }
        }
        if (root == null) {
            return null;
        }
        return node(root, byParent, visibleUser);
    }

    private static Node node(Share account, Map<String, List<Share>> byParent, Predicate<Share> visibleUser) {
        List<Node> children = new ArrayList<>();
        int hidden = 0;
        for (Share child : byParent.getOrDefault(account.name(), List.of())) {
            if (!child.user()) {
                children.add(node(child, byParent, visibleUser));
            } else if (visibleUser.test(child)) {
                children.add(Node.of(child, List.of(), 0));
            } else {
                hidden++;
            }
        }
        return Node.of(account, List.copyOf(children), hidden);
    }
}
