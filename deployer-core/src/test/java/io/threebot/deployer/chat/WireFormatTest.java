package io.threebot.deployer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Flow;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.testing.TestWorld;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    @Test
    void messagesHaveTheInfoAndPayloadShapeWebClientsExpect() throws Exception {
        try (ThreebotDeployer deployer = TestWorld.sample().deployer()) {
            ChatMessage first = deployer.forOwner("gina").startChat(Flow.DEPLOY);
            JsonNode json = Json.mapper().readTree(first.toWireJson());

            assertThat(json.fieldNames()).toIterable().containsExactly("info", "payload");
            JsonNode info = json.get("info");
            assertThat(info.fieldNames()).toIterable().containsExactlyInAnyOrder("step", "steps", "title", "previous",
                    "first_step", "last_step", "slide", "final_step", "sequence");
            assertThat(info.get("step").asInt()).isEqualTo(1);
            assertThat(info.get("steps").asInt()).isEqualTo(13);
            assertThat(info.get("title").asText()).isEqualTo("3Bot Name");
            assertThat(info.get("first_step").asBoolean()).isTrue();
            assertThat(info.get("previous").asBoolean()).isFalse();
            assertThat(info.get("sequence").asLong()).as("the session's first state").isEqualTo(1);
            JsonNode payload = json.get("payload");
            assertThat(payload.get("category").asText()).isEqualTo("string_ask");
            assertThat(payload.get("msg").asText()).contains("name for your 3Bot");
            assertThat(payload.get("kwargs").get("required").asBoolean()).isTrue();
            assertThat(payload.get("kwargs").get("is_identifier").asBoolean()).isTrue();

            ChatMessage flavor = deployer.forOwner("gina").answer(first.sessionId(), "mybot");
            JsonNode choice = Json.mapper().readTree(flavor.toWireJson()).get("payload");
            assertThat(choice.get("category").asText()).isEqualTo("single_choice");
            assertThat(choice.get("kwargs").get("options")).hasSize(3);
        }
    }

    @Test
    void everyCategoryHasTheOriginalName() {
        assertThat(Category.MD_SHOW_UPDATE.wireName()).isEqualTo("md_show_update");
        assertThat(Category.DROP_DOWN_CHOICE.wireName()).isEqualTo("drop_down_choice");
        assertThat(Category.fromWireName("secret_ask")).isEqualTo(Category.SECRET_ASK);
        assertThat(Category.END.asks()).isFalse();
        assertThat(Category.UPLOAD_FILE.asks()).isTrue();
    }
}
