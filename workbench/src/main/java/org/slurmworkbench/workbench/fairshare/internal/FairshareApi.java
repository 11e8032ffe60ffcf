package org.slurmworkbench.workbench.fairshare.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Fairshare", description = "The fairshare tree of accounts and users, as sshare -a -l shows it")
class FairshareApi {

    private final FairshareService fairshare;

    FairshareApi(FairshareService fairshare) {
        this.fairshare = fairshare;
    }

    @GetMapping("/api/v1/clusters/{cluster}/fairshare")
    @Operation(summary = "The fairshare tree: root, accounts, sub-accounts and users with raw and normalized shares, raw, "
            + "normalized and effective usage, fairshare factor and level FS",
            description = "From /shares (REST API v0.0.40+), at most a few seconds old. Admins see every row (scope 'all'); "
                    + "other users every account and, of the users, themselves and the users of the accounts they "
                    + "coordinate (scope 'own'; hiddenUsers counts the others per account). Null where sshare prints "
                    + "nothing; levelFsInfinite where it prints 'inf'. 501 on Slurm 22.05 (REST API v0.0.38 has no "
                    + "/shares); 404 for an unknown cluster.")
    FairshareTree fairshare(@PathVariable String cluster) {
        return fairshare.tree(cluster, CurrentUser.require());
    }
}
