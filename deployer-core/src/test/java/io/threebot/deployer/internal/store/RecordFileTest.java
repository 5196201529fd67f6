package io.threebot.deployer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordFileTest {
    record Bot(String owner, String status, String name, Instant at, List<Map<String, Object>> nested) {
    }

    private static final Bot BOT = new Bot("alice", "RUNNING", "one", Instant.parse("2026-12-07T10:00:00Z"),
            List.of(Map.of("owner", "not-top-level", "status", 7)));

    @Test
    void writesWhatTheTreeFormWroteAndReadsItBack() throws Exception {
        byte[] bytes = RecordFile.encode(3, BOT);
        ObjectNode tree = Json.mapper().createObjectNode();
        tree.put("version", 3);
        tree.set("value", Json.mapper().valueToTree(BOT));
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree));

        assertThat(RecordFile.decode("b1", bytes, "b1.json", Bot.class).value()).isEqualTo(BOT);
        assertThat(RecordFile.decode("b1", bytes, "b1.json", Bot.class).version()).isEqualTo(3);
        assertThat(RecordFile.decode("b1", bytes, "b1.json", JsonNode.class).value()).isEqualTo(tree.get("value"));
        assertThat(RecordFile.version(bytes, "b1.json")).isEqualTo(3);
    }

    @Test
    void theHeaderHoldsTheTopLevelIndexedFieldsAsATreeGivesThem() {
        RecordFile.Header header = RecordFile.header(RecordFile.encode(1, BOT), "b1.json");
        assertThat(header.version()).isEqualTo(1);
        assertThat(header.indexed()).isEqualTo(RecordFields.indexed(Json.mapper().valueToTree(BOT)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("owner", "alice", "status", "RUNNING"));

        byte[] numbers = "{\"value\":{\"owner\":1.50,\"status\":null,\"x\":{\"owner\":\"no\"}},\"version\":\"4\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RecordFile.header(numbers, "n.json").indexed())
                .isEqualTo(RecordFields.indexed(RecordFile.decode("n", numbers, "n.json", JsonNode.class).value()))
                .containsExactly(Map.entry("owner", "1.5"));
        assertThat(RecordFile.version(numbers, "n.json")).as("a version written as text, as a tree read it")
                .isEqualTo(4);
    }

    @Test
    void aLeaseTokenIsReadOnlyWhenItIsText() {
        assertThat(RecordFile.text(RecordFile.encode(2, Map.of("token", "t-1", "holder", "a")), "l.json", "token"))
                .contains("t-1");
        assertThat(RecordFile.text(RecordFile.encode(2, Map.of("token", 5)), "l.json", "token")).isEmpty();
        assertThat(RecordFile.text(RecordFile.encode(2, Map.of("other", Map.of("token", "deep"))), "l.json",
                "token")).isEmpty();
    }

    @Test
    void aFileCutShortIsReportedHoweverLittleOfItIsWanted() {
        byte[] whole = RecordFile.encode(9, BOT);
        byte[] cut = Arrays.copyOf(whole, whole.length - 40);
        assertThatThrownBy(() -> RecordFile.version(cut, "b1.json")).isInstanceOf(StoreException.class)
                .hasMessage("cannot read record file b1.json");
        assertThatThrownBy(() -> RecordFile.header(cut, "b1.json")).isInstanceOf(StoreException.class)
                .hasMessage("cannot read record file b1.json");
        assertThatThrownBy(() -> RecordFile.decode("b1", cut, "b1.json", Bot.class))
                .isInstanceOf(StoreException.class).hasMessage("cannot read record file b1.json");
        assertThatThrownBy(() -> RecordFile.version(new byte[0], "e.json")).isInstanceOf(StoreException.class)
                .hasMessage("cannot read record file e.json: it holds no record");
    }

    @Test
    void aValueThatIsMissingOrDoesNotFitIsSaidSo() {
        byte[] noValue = "{\"version\":1,\"value\":null}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordFile.decode("b1", noValue, "b1.json", Bot.class))
                .isInstanceOf(StoreException.class).hasMessage("record b1 holds no value");
        byte[] wrongShape = "{\"version\":1,\"value\":{\"at\":\"not a time\"}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordFile.decode("b1", wrongShape, "b1.json", Bot.class))
                .isInstanceOf(StoreException.class).hasMessage("record b1 does not fit Bot");
        assertThat(RecordFile.version(noValue, "b1.json")).isEqualTo(1);
    }

    @Test
    void aDatabaseRowsValueIsSerialisedOnceAndReadWithoutATree() {
        RecordFields.Serialised serialised = RecordFields.serialise(BOT);
        assertThat(serialised.indexed()).isEqualTo(RecordFields.indexed(Json.mapper().valueToTree(BOT)));
        assertThat(RecordFields.value(serialised.json(), Bot.class, "b1")).isEqualTo(BOT);
        assertThatThrownBy(() -> RecordFields.value("", Bot.class, "b1")).hasMessage("record b1 is empty");
        assertThatThrownBy(() -> RecordFields.value("null", Bot.class, "b1")).hasMessage("record b1 holds no value");
        assertThatThrownBy(() -> RecordFields.value("{\"owner\": \"al", Bot.class, "b1"))
                .hasMessage("record b1 is not readable JSON");
        assertThatThrownBy(() -> RecordFields.value("{\"at\": []}", Bot.class, "b1"))
                .hasMessage("record b1 does not fit Bot");
    }
}
