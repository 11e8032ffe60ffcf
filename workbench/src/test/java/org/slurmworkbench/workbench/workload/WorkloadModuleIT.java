package org.slurmworkbench.workbench.workload;

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
 * The workload module with the modules it uses directly (cluster, submit) and, by name, security, accounting, lease,
 * dashboard and notify: the presets of a lab cluster are sized to its capacity and offered to a logged-in admin with
 * the lab's test users.
 */
// workload uses security's types only (CurrentUser, not its beans) and submit's job actions need security's
// AccountAccess and accounting's FinishedJobs, whose sync needs lease's Leases, and submit checks requests against
// dashboard's Overviews (the partitions' limits), whose charts name Slurm's words through web's SlurmWords, and offers
// notify's JobNotifications: those modules are included by name
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES,
        extraIncludes = {"security", "accounting", "lease", "dashboard", "notify", "web"})
@AutoConfigureMockMvc
class WorkloadModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void thePresetsAreSizedToTheLab() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        mvc.perform(get("/api/v1/workloads/presets").param("cluster", lab.name())
                        .with(httpBasic("admin", "admin-test-password")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cluster").value(lab.name()))
                .andExpect(jsonPath("$.users[0]").value("alice"))
                .andExpect(jsonPath("$.presets.length()").value(3));
    }
}
