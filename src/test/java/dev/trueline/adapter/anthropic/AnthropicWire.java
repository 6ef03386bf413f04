package dev.trueline.adapter.anthropic;

import dev.trueline.adapter.upstream.FakeUpstream.Reply;
import dev.trueline.adapter.upstream.UpstreamWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Messages streams as Anthropic writes them: named events, {@code ping} keep-alives, {@code message_stop}. */
final class AnthropicWire implements UpstreamWire {

    private static final String MESSAGE_STOP = event("message_stop", "{\"type\":\"message_stop\"}");

    @Override
    public String start() {
        return messageStart(5);
    }

    @Override
    public String text(String text) {
        return event("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 0)
                .put("delta", new JsonObject().put("type", "text_delta").put("text", text)).encode());
    }

    @Override
    public String finish() {
        return messageDelta("end_turn", 2) + MESSAGE_STOP;
    }

    @Override
    public String finishAtMaxTokens() {
        return messageDelta("max_tokens", 321) + MESSAGE_STOP;
    }

    @Override
    public String keepAlive() {
        return event("ping", "{\"type\": \"ping\"}");
    }

    @Override
    public String unparsable() {
        return "event: content_block_delta\ndata: {\"type\": oops\n\n";
    }

    @Override
    public String errorEvent(String type, String message) {
        return event("error", errorBody(type, message));
    }

    @Override
    public String quoteOfErrorEvent(String type, String message) {
        return "(" + type + "): " + message;
    }

    @Override
    public String errorBody(String type, String message) {
        return new JsonObject().put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message)).encode();
    }

    @Override
    public String retryAfterHeader() {
        return "retry-after";
    }

    @Override
    public String unstreamedAnswer(String text) {
        return message().put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))
                .put("stop_reason", "end_turn").put("usage", usage(5, 2)).encode();
    }

    @Override
    public Reply wholeAnswer(int inputTokens, int outputTokens) {
        String world = text("wörld 🌍");
        return Reply.sse()
                .write(messageStart(inputTokens))
                .write(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"))
                .write(keepAlive())
                .write(text("Hello, "))
                .write(event("a_future_event", "{\"type\":\"a_future_event\",\"detail\":{\"x\":1}}"))
                .writeInPieces(world, 20, Reply.offset(world, "ö", 1), Reply.offset(world, "🌍", 1))
                .write(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"not for the screen\"}}"))
                .write(text("! Ça va?"))
                .write(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"))
                .write(messageDelta("end_turn", outputTokens))
                .write(MESSAGE_STOP)
                .write(text("written after message_stop"))
                .end();
    }

    private static String messageStart(int inputTokens) {
        return event("message_start", new JsonObject().put("type", "message_start")
                .put("message", message().put("content", new JsonArray()).putNull("stop_reason")
                        .put("usage", usage(inputTokens, 1)))
                .encode());
    }

    private static String messageDelta(String stopReason, int outputTokens) {
        return event("message_delta", new JsonObject().put("type", "message_delta")
                .put("delta", new JsonObject().put("stop_reason", stopReason).putNull("stop_sequence"))
                .put("usage", new JsonObject().put("output_tokens", outputTokens)).encode());
    }

    private static JsonObject message() {
        return new JsonObject().put("id", "msg_01XFDUDYJgAACzvnptvVoYEL").put("type", "message")
                .put("role", "assistant").put("model", "claude-fake-20250929").putNull("stop_sequence");
    }

    private static JsonObject usage(int input, int output) {
        return new JsonObject().put("input_tokens", input).put("output_tokens", output);
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
