package org.slurmworkbench.workbench.glidein;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The glidein module with the modules it uses directly (cluster, submit) and, by name, security, accounting, lease,
 * dashboard and notify: the glidein API of a lab cluster answers a logged-in admin's list of requests (GlideinIT
 * submits and cancels pilots).
 */
// glidein uses security's types only (not its beans) and submit's job actions need security's AccountAccess and
// accounting's FinishedJobs, whose sync needs lease's Leases, and submit checks requests against dashboard's Overviews
// (the partitions' limits), whose charts name Slurm's words through web's SlurmWords, and offers notify's
// JobNotifications: those modules are included by name
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES,
        extraIncludes = {"security", "accounting", "lease", "dashboard", "notify", "web"})
@AutoConfigureMockMvc
class GlideinModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theGlideinApiAnswersTheList() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        mvc.perform(get("/api/v1/clusters/" + lab.name() + "/glideins").with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());
    }
}
