package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.lifecycle.PaidOperationFailedException;
import io.threebot.deployer.lifecycle.WrongPasswordException;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.StoreBusyException;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict reading of request fields and bodies, and what an error answer shows a client. */
class JsonExchangeTest {

    private static JsonNode days(String json) throws Exception {
        return Json.mapper().readTree("{\"days\": " + json + "}");
    }

    @Test
    void aWholeNumberInRangeIsTaken() throws Exception {
        assertThat(JsonExchange.intField(days("14"), "days", 0, 365)).isEqualTo(14);
        assertThat(JsonExchange.intField(days("0"), "days", 0, 365)).isZero();
        assertThat(JsonExchange.intField(days("365"), "days", 0, 365)).isEqualTo(365);
        assertThat(JsonExchange.intField(days("-0"), "days", 0, 365)).as("-0 is the JSON integer 0").isZero();
        assertThat(JsonExchange.optionalIntField(days("14"), "days", 0, 365)).hasValue(14);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "366", "2147483648", "-9223372036854775809", "1000000000000000000000",
        "\"14\"", "\"14 days\"", "14.5", "14.0", "1e9", "1E1", "true", "[14]", "{\"n\": 14}"})
    void anythingElseIsRefusedNamingTheFieldAndRange(String value) throws Exception {
        assertThatThrownBy(() -> JsonExchange.intField(days(value), "days", 0, 365))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).contains("days"))
                .hasMessage("\"days\" must be a whole number from 0 to 365");
        assertThatThrownBy(() -> JsonExchange.optionalIntField(days(value), "days", 0, 365))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).contains("days"))
                .hasMessage("\"days\" must be a whole number from 0 to 365");
    }

    @Test
    void floatsReadAsBigDecimalAreRefusedToo() throws Exception {
        JsonNode body = Json.mapper().reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree("{\"days\": 14.0}");
        assertThat(body.get("days").isBigDecimal()).isTrue();
        assertThatThrownBy(() -> JsonExchange.intField(body, "days", 0, 365)).hasMessageContaining("\"days\"");
    }

    @Test
    void aRequiredFieldMustBeThere() throws Exception {
        for (JsonNode body : new JsonNode[] {days("null"), Json.mapper().readTree("{}")}) {
            assertThatThrownBy(() -> JsonExchange.intField(body, "days", 0, 365))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).contains("days"))
                    .hasMessage("\"days\" is required: a whole number from 0 to 365");
        }
    }

    @Test
    void anOptionalFieldMayBeAbsentOrNull() throws Exception {
        assertThat(JsonExchange.optionalIntField(days("null"), "days", 0, 365)).isEqualTo(OptionalInt.empty());
        assertThat(JsonExchange.optionalIntField(Json.mapper().readTree("{}"), "days", 0, 365)).isEmpty();
    }

    @Test
    void textStillReadsATextField() throws Exception {
        assertThat(JsonExchange.text(Json.mapper().readTree("{\"password\": \"x\"}"), "password")).isEqualTo("x");
        assertThatThrownBy(() -> JsonExchange.text(Json.mapper().readTree("{\"password\": 1}"), "password"))
                .hasMessage("\"password\" is required");
    }

    @Test
    void aBodyMustBeAJsonObject() throws Exception {
        assertThat(JsonExchange.body(exchangeWith("")).isObject()).isTrue();
        assertThat(JsonExchange.body(exchangeWith("  ")).isObject()).as("blank is no body").isTrue();
        assertThat(JsonExchange.body(exchangeWith("{\"days\": 1}")).get("days").intValue()).isEqualTo(1);
        assertThatThrownBy(() -> JsonExchange.body(exchangeWith("[{\"days\": 1}]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the request must be a JSON object, not an array");
        assertThatThrownBy(() -> JsonExchange.body(exchangeWith("14")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the request must be a JSON object, not a number");
        assertThatThrownBy(() -> JsonExchange.body(exchangeWith("null")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the request must be a JSON object, not null");
        assertThatThrownBy(() -> JsonExchange.body(exchangeWith("{days")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the request is not JSON");
    }

    @Test
    void aServerErrorShowsAReferenceAndNotTheExceptionText() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        HttpExchange exchange = exchangeWriting(written);

        JsonExchange.fail(exchange, new PaymentException("operator wallet holds 123 stroops"));

        verify(exchange).sendResponseHeaders(eq(502), anyLong());
        String body = written.toString(StandardCharsets.UTF_8);
        JsonNode json = Json.mapper().readTree(body);
        assertThat(json.get("error").asText()).isEqualTo("the grid or a payment service failed; try again later");
        String reference = json.get("reference").asText();
        assertThat(reference).matches("[0-9a-f]{12}");
        // the reference is random hex and may itself hold "123"; the rest of the body must not show the cause
        assertThat(body.replace(reference, "")).doesNotContain("123").doesNotContain("wallet").doesNotContain("stroops");
    }

    @Test
    void aStoreOutageIsA503WithRetryAfterSayingTheDatabaseIsUnavailable() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        HttpExchange exchange = exchangeWriting(written);

        JsonExchange.fail(exchange, new StoreUnavailableException("cannot read records of kind deployments: the "
                + "database cannot be reached (08006) at db.internal:5432", null));

        verify(exchange).sendResponseHeaders(eq(503), anyLong());
        assertThat(exchange.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
        JsonNode json = Json.mapper().readTree(written.toString(StandardCharsets.UTF_8));
        assertThat(json.get("error").asText())
                .isEqualTo("the deployer's database is unavailable; try again in 5 seconds");
        assertThat(json.get("reference").asText()).matches("[0-9a-f]{12}");
        assertThat(json.toString().replace(json.get("reference").asText(), "")).doesNotContain("08006").doesNotContain("db.internal").doesNotContain("grid");
    }

    @Test
    void aStoreWhosePoolIsFullIsA503SayingTheDeployerIsBusyWithAShorterRetryAfter() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        HttpExchange exchange = exchangeWriting(written);

        JsonExchange.fail(exchange, new DeployerException("could not read the journal", new StoreBusyException(
                "cannot read records of kind deployments: every connection of the pool is in use", null)));

        verify(exchange).sendResponseHeaders(eq(503), anyLong());
        assertThat(exchange.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        JsonNode json = Json.mapper().readTree(written.toString(StandardCharsets.UTF_8));
        assertThat(json.get("error").asText()).isEqualTo("the deployer is busy; try again in 1 second");
    }

    @Test
    void aStoreOutageBehindAnotherErrorIsA503Too() throws Exception {
        StoreUnavailableException outage = new StoreUnavailableException("the database cannot be reached", null);
        for (RuntimeException wrapped : new RuntimeException[] {
            new PaidOperationFailedException("Extending failed.", 0, outage),
            new DeployerException("could not read the journal", outage),
            new IllegalStateException(new DeployerException("deeper", outage))}) {
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            HttpExchange exchange = exchangeWriting(written);

            JsonExchange.fail(exchange, wrapped);

            verify(exchange).sendResponseHeaders(eq(503), anyLong());
            assertThat(exchange.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(written.toString(StandardCharsets.UTF_8)).contains("database is unavailable");
        }
    }

    @Test
    void aGridFailureStaysA502WithoutRetryAfter() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        HttpExchange exchange = exchangeWriting(written);

        JsonExchange.fail(exchange, new GridUnavailableException("the explorer did not answer"));

        verify(exchange).sendResponseHeaders(eq(502), anyLong());
        assertThat(exchange.getResponseHeaders().containsKey("Retry-After")).isFalse();
        assertThat(Json.mapper().readTree(written.toString(StandardCharsets.UTF_8)).get("error").asText())
                .isEqualTo("the grid or a payment service failed; try again later");
    }

    @Test
    void anUnmappedErrorIsA500WithAReference() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        HttpExchange exchange = exchangeWriting(written);

        JsonExchange.fail(exchange, new IllegalStateException("/var/lib/threebot/keys/operator.seed unreadable"));

        verify(exchange).sendResponseHeaders(eq(500), anyLong());
        JsonNode json = Json.mapper().readTree(written.toString(StandardCharsets.UTF_8));
        assertThat(json.get("error").asText()).isEqualTo("the deployer failed");
        assertThat(json.get("reference").asText()).matches("[0-9a-f]{12}");
        assertThat(json.toString()).doesNotContain("operator.seed");
    }

    @Test
    void aClientErrorKeepsItsMessage() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        HttpExchange exchange = exchangeWriting(written);

        JsonExchange.fail(exchange, new WrongPasswordException("Wrong password for 3Bot 'mybot'."));

        verify(exchange).sendResponseHeaders(eq(403), anyLong());
        JsonNode json = Json.mapper().readTree(written.toString(StandardCharsets.UTF_8));
        assertThat(json.get("error").asText()).isEqualTo("Wrong password for 3Bot 'mybot'.");
        assertThat(json.has("reference")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
        " application/json ", "APPLICATION/JSON; charset=\"utf-8\""})
    void jsonIsJsonWhateverItsCaseAndParameters(String type) {
        assertThat(JsonExchange.isJson(type)).isTrue();
        assertThat(JsonExchange.isJsonOrEmpty(exchangeHeaded("Content-Type", type, "Content-Length", "2"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/jsonp", "application/json-patch+json", "text/json",
        "application/*", "*/*", ""})
    void anyOtherTypeIsNot(String type) {
        assertThat(JsonExchange.isJson(type)).isFalse();
        assertThat(JsonExchange.isJsonOrEmpty(exchangeHeaded("Content-Type", type, "Content-Length", "2"))).isFalse();
        assertThat(JsonExchange.isJsonOrEmpty(exchangeHeaded("Content-Type", type))).as("even without a body")
                .isFalse();
    }

    @Test
    void noTypeIsFineOnlyWithoutABody() {
        assertThat(JsonExchange.isJsonOrEmpty(exchangeHeaded())).isTrue();
        assertThat(JsonExchange.isJsonOrEmpty(exchangeHeaded("Content-Length", "0"))).isTrue();
        assertThat(JsonExchange.isJsonOrEmpty(exchangeHeaded("Content-Length", "2"))).isFalse();
        assertThat(JsonExchange.isJsonOrEmpty(exchangeHeaded("Transfer-Encoding", "chunked"))).isFalse();
    }

    @Test
    void twoTypesAreRefused() {
        Headers headers = new Headers();
        headers.add("Content-Type", "application/json");
        headers.add("Content-Type", "text/plain");
        HttpExchange exchange = mock(HttpExchange.class);
        when(exchange.getRequestHeaders()).thenReturn(headers);
        assertThat(JsonExchange.isJsonOrEmpty(exchange)).isFalse();
    }

    private static HttpExchange exchangeHeaded(String... namesAndValues) {
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        HttpExchange exchange = mock(HttpExchange.class);
        when(exchange.getRequestHeaders()).thenReturn(headers);
        return exchange;
    }

    private static HttpExchange exchangeWith(String body) {
        HttpExchange exchange = mock(HttpExchange.class);
        when(exchange.getRequestBody()).thenReturn(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        return exchange;
    }

    private static HttpExchange exchangeWriting(ByteArrayOutputStream out) {
        HttpExchange exchange = mock(HttpExchange.class);
        when(exchange.getResponseHeaders()).thenReturn(new Headers());
        when(exchange.getResponseBody()).thenReturn(out);
        when(exchange.getRequestMethod()).thenReturn("POST");
        when(exchange.getRequestURI()).thenReturn(URI.create("/threebots/some-uuid/start"));
        return exchange;
    }
}
