package org.slurmworkbench.workbench.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.web.SlurmWords;
import org.springframework.context.MessageSource;

/** The one table of Slurm's words: the same words in both languages, Chinese in Chinese, unknown words as Slurm wrote them. */
class SlurmWordsTest {

    private static Properties bundle(String name) throws IOException {
        try (InputStream in = SlurmWordsTest.class.getResourceAsStream("/" + name)) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    @Test
    void bothLanguagesHaveTheSameWordsAndTheChineseOnesAreChinese() throws IOException {
        Properties en = bundle("slurm_en.properties");
        Properties zh = bundle("slurm_zh.properties");
        assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        for (String key : zh.stringPropertyNames()) {
            assertThat(zh.getProperty(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                    .as("zh %s", key).isTrue();
        }
        assertThat(en.stringPropertyNames()).contains("slurm.job.PENDING", "slurm.node.allocated", "slurm.partition.UP",
                "slurm.reason.Resources", "slurm.reason.PartitionConfig");
    }

    @Test
    void wordsInEitherCaseAndUnknownOnesAsSlurmWroteThem() {
        MessageSource messages = new WebConfiguration().messageSource();
        SlurmWords.In zh = new SlurmWords(messages).in(Locale.CHINESE);
        assertThat(zh.jobState("RUNNING")).isEqualTo("运行中");
        assertThat(zh.nodeState("IDLE")).isEqualTo("空闲");
        assertThat(zh.nodeStates(List.of("IDLE", "DRAIN"))).containsExactly("空闲", "排空");
        assertThat(zh.partitionState("up")).isEqualTo("可用");
        assertThat(zh.reason("Priority")).isEqualTo("优先级");
        assertThat(zh.reasonExplained("Priority")).contains("优先级");
        assertThat(zh.reason("SomethingNew")).isEqualTo("SomethingNew");
        assertThat(zh.reasonExplained("SomethingNew")).isNull();
        assertThat(zh.jobState(null)).isNull();
        assertThat(new SlurmWords(messages).in(Locale.ENGLISH).reason("Resources")).isEqualTo("Resources");
    }
}
