package org.slurmworkbench.workbench.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The app's own words ({@code messages_en/zh.properties}): both languages have the same keys, the Chinese text
 * addresses the reader one way (您, never 你), and names the accounting page as its heading does (记账).
 */
class MessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(new TreeSet<>(ReasonMessagesTest.bundle("messages_zh.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(ReasonMessagesTest.bundle("messages_en.properties").stringPropertyNames()));
    }

    @Test
    void chineseAddressesTheReaderPolitelyThroughoutAndNamesAccountingOneWay() throws IOException {
        Properties zh = ReasonMessagesTest.bundle("messages_zh.properties");
        Set<String> informal = new TreeSet<>();
        Set<String> otherName = new TreeSet<>();
        for (String key : zh.stringPropertyNames()) {
            String text = zh.getProperty(key);
            if (text.contains("你")) {
                informal.add(key + "=" + text);
            }
            if (text.contains("作业统计")) {
                otherName.add(key + "=" + text);
            }
        }
        assertThat(informal).as("texts with 你 where the rest say 您").isEmpty();
        assertThat(otherName).as("texts naming the accounting page 作业统计 where its heading says 记账").isEmpty();
        assertThat(zh.getProperty("nav.accounting")).startsWith("记账");
    }
}
