package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The submission module with the modules it uses directly (accounting, cluster, notify, security) and, by name, lease and
 * web: the submit page renders for a logged-in admin, and the queue API answers a lab cluster's queue.
 */
// accounting's sync needs lease's Leases; submit uses web's types only, and its pages need web's layout attributes
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"lease", "web"})
@AutoConfigureMockMvc
class SubmitModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theSubmitPageRendersAndTheQueueAnswers() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        String page = mvc.perform(get("/submit").with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<form").contains("name=\"script\"");
        mvc.perform(get("/api/v1/clusters/" + lab.name() + "/queue").with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk());
    }
}
