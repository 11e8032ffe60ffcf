package org.slurmworkbench.workbench.fairshare;

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
 * The fairshare module with the modules it uses directly (cluster, security): the fairshare API of a lab cluster
 * answers its tree from root to a logged-in admin (FairshareIT compares it with sshare on every release).
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@AutoConfigureMockMvc
class FairshareModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theFairshareApiAnswersTheTree() throws Exception {
        // 22.05's REST API has no sshare (501 through web's error handler, which this context leaves out)
        LabCluster lab = TestLab.present().stream().filter(l -> !l.series().equals("22.05")).findFirst().orElseThrow();
        mvc.perform(get("/api/v1/clusters/" + lab.name() + "/fairshare").with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cluster").value(lab.name()))
                .andExpect(jsonPath("$.scope").value("all"))
                .andExpect(jsonPath("$.root.account").value("root"));
    }
}
