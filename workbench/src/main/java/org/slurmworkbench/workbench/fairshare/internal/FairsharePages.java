package org.slurmworkbench.workbench.fairshare.internal;

import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The fairshare page of one cluster: the tree as nested, collapsible rows (plain details/summary, no script), each
 * column explained in its header's tooltip; on 22.05 a plain sentence that its REST API does not offer it.
 */
@Controller
class FairsharePages {

    private static final java.time.format.DateTimeFormatter UTC = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private final Clusters clusters;
    private final FairshareService fairshare;

    FairsharePages(Clusters clusters, FairshareService fairshare) {
        this.clusters = clusters;
        this.fairshare = fairshare;
    }

    @GetMapping("/fairshare")
    String page(@RequestParam(required = false) String cluster, Model model) {
        String chosen = clusters.chosen(cluster);
        model.addAttribute("nav", "scheduler");
        model.addAttribute("clusterNames", clusters.names());
        model.addAttribute("cluster", chosen);
        if (chosen != null) {
            try {
                FairshareTree tree = fairshare.tree(chosen, CurrentUser.require());
                model.addAttribute("tree", tree);
                model.addAttribute("readAt", UTC.format(tree.readAt()));
            } catch (SlurmException.NotOffered e) {
                model.addAttribute("notOffered", clusters.status(chosen));
            }
        }
        return "fairshare/page";
    }
}
