package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * WB-13: an SWF upload beyond the multipart limits (here 1MB per file, 2MB per request, see the tests'
 * configuration) answers 413 as a problem naming the limit, through HTTP basic and through a session (whose CSRF
 * check reads the request's parameters first), and is logged as no error with a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class UploadLimitIT {

    private static final String BOUNDARY = "wb13-boundary-7d1f";

    @LocalServerPort
    int port;

    /** A multipart body with the cluster and an SWF file of about {@code bytes} bytes (valid SWF lines). */
    private static String multipart(String cluster, int bytes) {
        String line = "1 0 0 10 1 -1 -1 1 20 -1 1 1 -1 -1 -1 -1 -1 -1\n";
        String file = line.repeat(bytes / line.length() + 1);
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"cluster\"\r\n\r\n" + cluster + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.swf\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + file + "\r\n--" + BOUNDARY + "--\r\n";
    }

    private static void tooLarge(TestHttp.Response r, String limit) {
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(413);
        assertThat(r.json().path("detail").asString()).as("names the limit").contains(limit);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anOversizedUploadIs413NamingTheLimitAndNoError(CapturedOutput output) {
        String cluster = TestLab.present().getFirst().name();
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        TestHttp basic = new TestHttp(port).basic("admin", "admin-test-password");
        TestHttp session = new TestHttp(port).sessionApi("admin", "admin-test-password");
        for (String path : new String[]{"/api/v1/workloads/runs", "/api/v1/workloads/swf/preview?cluster=" + cluster}) {
            // beyond the file limit, within the request limit
            tooLarge(basic.post(path, type, multipart(cluster, 1_500_000)), "1MB");
            // beyond the request limit too
            tooLarge(basic.post(path, type, multipart(cluster, 3_000_000)), "2MB");
            tooLarge(session.post(path, type, multipart(cluster, 3_000_000)), "2MB");
            tooLarge(session.post(path, type, multipart(cluster, 1_500_000)), "1MB");
        }
        assertThat(output.getAll()).doesNotContain("SizeLimitExceededException").doesNotContain("FileSizeLimitExceededException")
                .doesNotContainPattern("(?m)\\bERROR\\b.*(multipart|upload|Unexpected error)");
    }
}
