package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Languages, static files from WebJars, and error pages, over plain HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PagesIT {

    @LocalServerPort
    int port;

    @Test
    void theBrowserLanguageDecidesUntilTheUserChoosesAndEnglishIsTheFallback() {
        TestHttp http = new TestHttp(port);
        assertThat(http.get("/login", "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").body()).contains("登录").contains("lang=\"zh\"");
        assertThat(http.get("/login", "Accept-Language", "en-US,en;q=0.9").body()).contains("Log in").contains("lang=\"en\"");
        assertThat(http.get("/login", "Accept-Language", "fr-FR,fr;q=0.9").body()).contains("Log in").contains("lang=\"en\"");
        assertThat(http.get("/login").body()).contains("Log in");

        TestHttp.Response switched = http.get("/login?lang=zh", "Accept-Language", "en");
        assertThat(switched.header("Set-Cookie")).contains("wb-lang=zh");
        assertThat(switched.body()).contains("登录");
        assertThat(http.get("/login", "Accept-Language", "en").body()).contains("登录"); // the cookie wins
        assertThat(http.get("/login?lang=xx", "Accept-Language", "en").body()).contains("登录"); // unknown: ignored
        assertThat(http.get("/login?lang=en").body()).contains("Log in");
    }

    @Test
    void everyPageOfTheLayoutRendersInBothLanguages() {
        TestHttp admin = new TestHttp(port);
        admin.formLogin("admin", "admin-test-password");
        for (String lang : new String[] {"en", "zh"}) {
            for (String path : new String[] {"/", "/submit", "/workloads", "/accounting", "/qos", "/admin/users"}) {
                TestHttp.Response page = admin.get(path + "?lang=" + lang);
                assertThat(page.status()).as("%s in %s", path, lang).isEqualTo(200);
                assertThat(page.body()).as("%s in %s", path, lang).doesNotContain("??").contains(lang.equals("zh") ? "提交 · Tomato" : "Submission · Tomato");
            }
        }
        assertThat(admin.get("/workloads?lang=en").body()).contains("Workloads · Jasmine");
        String fragment = admin.get("/fragments/clusters?lang=en").body(); // what the dashboard reloads with htmx
        assertThat(fragment).contains("id=\"clusters\"").contains("id=\"cluster-dead\"").doesNotContain("<html");
        assertThat(admin.get("/qos?lang=zh").body()).contains("每个 QOS 的限制");
    }

    @Test
    void webjarsAndOwnStaticFilesAreServedLocally() {
        TestHttp http = new TestHttp(port);
        assertThat(http.get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
        assertThat(http.get("/webjars/echarts/dist/echarts.min.js").status()).isEqualTo(200);
        assertThat(http.get("/css/workbench.css").status()).isEqualTo(200);
        assertThat(http.get("/js/workbench.js").status()).isEqualTo(200);
    }

    @Test
    void errorsArePagesForBrowsersAndProblemsForTheApi() {
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");

        TestHttp.Response page = admin.get("/no/such/page", "Accept", "text/html");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("There is no such page.").doesNotContain("Exception");

        TestHttp.Response api = admin.get("/api/v1/no-such-thing", "Accept", "text/html");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.json().path("status").asInt()).isEqualTo(404);

        TestHttp.Response method = admin.post("/api/v1/clusters", "application/json", "{}");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Content-Type")).startsWith("application/problem+json");
    }
}
