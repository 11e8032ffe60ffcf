package org.slurmworkbench.workbench.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

/**
 * Slurm's job state reasons in plain English and Chinese ({@code reasons_en/zh.properties}): one text per code Slurm
 * 22.05 to 26.05 can write, as listed in {@code slurm-job-reasons.txt}, both languages alike, served by the app's
 * MessageSource.
 */
class ReasonMessagesTest {

    private static final String PREFIX = "job.reason.";

    /** A properties file of the app's resources, read as UTF-8 (as the app's MessageSource does). */
    static Properties bundle(String name) throws IOException {
        try (InputStream in = ReasonMessagesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    /** The codes of the committed list: one a line, {@code #} lines are comments. */
    private static List<String> listedCodes() throws IOException {
        try (InputStream in = ReasonMessagesTest.class.getResourceAsStream("/slurm-job-reasons.txt")) {
            assertThat(in).isNotNull();
            List<String> codes = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String code = line.strip();
                if (!code.isEmpty() && !code.startsWith("#")) {
                    codes.add(code);
                }
            }
            return codes;
        }
    }

    private static Set<String> keys(Properties p) {
        return new TreeSet<>(p.stringPropertyNames());
    }

    @Test
    void bothLanguagesExplainExactlyTheListedCodes() throws IOException {
        List<String> codes = listedCodes();
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Za-z]+"), "a bare Slurm code");
        Set<String> expected = codes.stream().map(c -> PREFIX + c).collect(Collectors.toCollection(TreeSet::new));

        Properties en = bundle("reasons_en.properties");
        Properties zh = bundle("reasons_zh.properties");
        assertThat(keys(en)).isEqualTo(keys(zh));
        assertThat(keys(en)).isEqualTo(expected);
    }

    @Test
    void everyTextIsASentenceNotTheCodeAndReadsTheSameWithOrWithoutArguments() throws IOException {
        for (String name : List.of("reasons_en.properties", "reasons_zh.properties")) {
            Properties p = bundle(name);
            for (String key : keys(p)) {
                String value = p.getProperty(key);
                String code = key.substring(PREFIX.length());
                assertThat(value).as(name + " " + key).isNotBlank().isNotEqualTo(key).isNotEqualTo(code)
                        .doesNotContain("'", "{", "}");
            }
        }
    }

    @Test
    void theChineseTextsAreChineseAndTheEnglishOnesAreNot() throws IOException {
        Properties en = bundle("reasons_en.properties");
        Properties zh = bundle("reasons_zh.properties");
        for (String key : keys(zh)) {
            assertThat(hasHan(zh.getProperty(key))).as("zh " + key).isTrue();
            assertThat(hasHan(en.getProperty(key))).as("en " + key).isFalse();
            assertThat(zh.getProperty(key)).as("zh " + key).doesNotContain("你");
        }
    }

    private static boolean hasHan(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @Test
    void theReasonsTheLabProducesAreThere() throws IOException {
        assertThat(listedCodes()).contains("None", "Priority", "Resources", "Dependency", "BeginTime", "JobHeldUser",
                "JobHeldAdmin", "PartitionConfig", "PartitionTimeLimit", "ReqNodeNotAvail", "QOSMaxGRESPerUser",
                "QOSMaxCpuPerUserLimit", "AssocGrpCpuLimit", "NonZeroExitCode", "TimeLimit", "OutOfMemory");
    }

    @Test
    void theAppsMessageSourceServesTheReasonsInBothLanguagesNextToItsMessages() throws IOException {
        MessageSource messages = new WebConfiguration().messageSource();
        Properties en = bundle("reasons_en.properties");
        Properties zh = bundle("reasons_zh.properties");
        String key = PREFIX + "PartitionConfig";

        assertThat(messages.getMessage(key, null, Locale.ENGLISH)).isEqualTo(en.getProperty(key));
        assertThat(messages.getMessage(key, null, Locale.CHINESE)).isEqualTo(zh.getProperty(key))
                .contains("分区");
        assertThat(messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE)).isEqualTo(zh.getProperty(key));
        assertThat(messages.getMessage(key, null, Locale.FRENCH)).isEqualTo(en.getProperty(key));
        assertThat(messages.getMessage("app.name", null, Locale.CHINESE)).isEqualTo("Slurm Workbench");
        assertThat(messages.getMessage(PREFIX + "QOSMaxGRESPerUser", new Object[] {"x"}, Locale.ENGLISH))
                .isEqualTo(en.getProperty(PREFIX + "QOSMaxGRESPerUser"));

        // messages comes first; no reason key hides behind one of its keys
        Properties app = bundle("messages_en.properties");
        assertThat(keys(app)).doesNotContainAnyElementsOf(keys(en));
    }
}
