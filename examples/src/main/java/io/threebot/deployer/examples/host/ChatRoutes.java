package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.Flow;
import io.threebot.deployer.OpenChat;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.ChatMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The deploy chat over HTTP, in the wire format a web page renders:
 * <pre>
 * GET  /chats                     the user's open chats, the most recent first, deploys under way among them:
 *                                 [{"session", "flow", "status", "busy", "step", "steps", "title", "threebot",
 *                                 "started_at", "updated_at"}]
 * POST /chats/deploy              start a deploy chat (no body) -> 201 {"session": id, "info": .., "payload": ..}
 * POST /chats/restart|change-size|change-location|extend[?threebot=id or name]
 *                                 a maintenance chat, for one 3Bot when named (another user's: 404)
 * GET  /chats/{id}                the current message
 * GET  /chats/{id}/next           wait (up to 30 s) for the message after a busy one
 * GET  /chats/{id}/next?seen=rev  wait (up to 30 s) for any other message than revision {@code rev}: every progress
 *                                 message of a long step, not only its end
 * POST /chats/{id}/answer         {"value": ".."}             -> the next message (the same one with an error)
 * POST /chats/{id}/back           the previous question
 * POST /chats/{id}/close          close a chat the user leaves: it ends and no longer counts against the open chats
 *                                 (409 while a long step runs: a deploy under way is never cut short)
 * </pre>
 * Every reply carries {@code "revision"}, a digest of the message, so a page can wait for the next one it has not seen.
 */
final class ChatRoutes extends JsonRoutes {
    private final ThreebotDeployer deployer;

    ChatRoutes(ThreebotDeployer deployer, WebLogin web) {
        super(web);
        this.deployer = deployer;
    }

    @Override
    void route(HttpExchange exchange, String principal, String[] parts) throws IOException, InterruptedException {
        OwnerDeployer me = deployer.forOwner(principal);
        String method = exchange.getRequestMethod();
        if (parts.length == 1 && parts[0].isEmpty() && method.equals("GET")) {
            JsonExchange.send(exchange, 200, me.openChats().stream().map(ChatRoutes::view).toList());
        } else if (parts.length == 1 && FLOWS.containsKey(parts[0]) && method.equals("POST")) {
            if (exchange.getRequestBody().read() != -1) {
                throw new IllegalArgumentException("a chat starts without a body: its answers come one by one");
            }
            Flow flow = FLOWS.get(parts[0]);
            Optional<String> threebot = JsonExchange.query(exchange, "threebot");
            reply(exchange, 201, threebot.isPresent() && flow != Flow.DEPLOY ? me.startChat(flow, threebot.get())
                    : me.startChat(flow));
        } else if (parts.length == 1 && !parts[0].isEmpty() && method.equals("GET")) {
            reply(exchange, 200, me.current(parts[0]));
        } else if (parts.length == 2 && parts[1].equals("next") && method.equals("GET")) {
            Optional<String> seen = JsonExchange.query(exchange, "seen");
            reply(exchange, 200, seen.isPresent() ? awaitOther(me, parts[0], seen.get())
                    : me.awaitNext(parts[0], Duration.ofSeconds(30)));
        } else if (parts.length == 2 && parts[1].equals("answer") && method.equals("POST")) {
            var body = JsonExchange.body(exchange);
            String value = JsonExchange.text(body, "value");
            // an answer names the message it answers; one for a message the chat moved on from is refused (409)
            OptionalLong sequence = sequence(body);
            reply(exchange, 200, sequence.isPresent() ? me.answer(parts[0], value, sequence.getAsLong())
                    : me.answer(parts[0], value));
        } else if (parts.length == 2 && parts[1].equals("close") && method.equals("POST")) {
            reply(exchange, 200, me.closeChat(parts[0]));
        } else if (parts.length == 2 && parts[1].equals("back") && method.equals("POST")) {
            OptionalLong sequence = sequence(JsonExchange.body(exchange));
            reply(exchange, 200, sequence.isPresent() ? me.back(parts[0], sequence.getAsLong()) : me.back(parts[0]));
        } else {
            JsonExchange.send(exchange, 404, Map.of("error", "no such chat route"));
        }
    }

    /** What a page shows of an open chat, with the path its kind of chat starts at. */
    private static Map<String, Object> view(OpenChat chat) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("session", chat.sessionId());
        view.put("flow", FLOWS.entrySet().stream().filter(e -> e.getValue() == chat.flow()).map(Map.Entry::getKey)
                .findFirst().orElse("deploy"));
        view.put("status", chat.status().name());
        view.put("busy", chat.busy());
        view.put("step", chat.step());
        view.put("steps", chat.steps());
        view.put("title", chat.title());
        view.put("threebot", chat.threebot().orElse(null));
        view.put("started_at", String.valueOf(chat.startedAt()));
        view.put("updated_at", String.valueOf(chat.updatedAt()));
        return view;
    }

    /** The chats a page starts, by the path it posts to. */
    private static final Map<String, Flow> FLOWS = Map.of("deploy", Flow.DEPLOY, "restart", Flow.RESTART,
            "change-size", Flow.CHANGE_SIZE, "change-location", Flow.CHANGE_LOCATION, "extend", Flow.EXTEND);

    /** The {@code sequence} of the message an answer is for, when the body names one. */
    private static OptionalLong sequence(com.fasterxml.jackson.databind.JsonNode body) {
        com.fasterxml.jackson.databind.JsonNode node = body.path("sequence");
        if (node.isMissingNode() || node.isNull()) {
            return OptionalLong.empty();
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException("sequence must be a whole number");
        }
        return OptionalLong.of(node.asLong());
    }

    /**
     * The message after the one of revision {@code seen}: the next progress message of a long step, its end, or
     * the same message after 30 s. The engine wakes its waiters on every progress message, but returns from
     * {@code awaitNext} only when the step ends, so this asks again in short waits.
     */
    private static ChatMessage awaitOther(OwnerDeployer me, String session, String seen) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ChatMessage message = me.current(session);
        while (message.busy() && revision(message.toWireJson()).equals(seen) && System.nanoTime() < deadline) {
            message = me.awaitNext(session, PROGRESS_WAIT);
        }
        return message;
    }

    private static final Duration PROGRESS_WAIT = Duration.ofMillis(150);

    /** A short digest of a message as sent: equal for the same message, different for any other. */
    static String revision(String wire) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(wire.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, ChatMessage message) throws IOException {
        String wire = message.toWireJson();
        JsonExchange.sendRaw(exchange, status, "{\"session\":\"" + message.sessionId() + "\",\"revision\":\""
                + revision(wire) + "\"," + wire.substring(1));
    }
}
