package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The web module, which uses no other module's beans, with security and cluster by name: the error page renders for a
 * logged-in user, and an API path's error is a problem detail.
 */
// web uses security's types only (CurrentUser, not its beans): security is included for its login and filter chain,
// with cluster, which security's account access needs
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"security", "cluster"})
@AutoConfigureMockMvc
class WebModuleIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theErrorPageRendersAndAnApiErrorIsAProblem() throws Exception {
        String page = mvc.perform(get("/error").with(httpBasic("admin", "admin-test-password"))
                        .accept("text/html")
                        .requestAttr("jakarta.servlet.error.status_code", 404)
                        .requestAttr("jakarta.servlet.error.request_uri", "/no-such-page"))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("404").contains("There is no such page.");
        mvc.perform(get("/error").with(httpBasic("admin", "admin-test-password"))
                        .accept("application/problem+json")
                        .requestAttr("jakarta.servlet.error.status_code", 404)
                        .requestAttr("jakarta.servlet.error.request_uri", "/api/v1/nothing"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("No such resource."));
    }
}
