package dev.trueline.adapter.openai;

import dev.trueline.adapter.upstream.FakeUpstream.Reply;
import dev.trueline.adapter.upstream.UpstreamWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Chat Completions streams as OpenAI writes them: {@code data:} chunks, comments as keep-alives, {@code [DONE]}. */
final class OpenAiWire implements UpstreamWire {

    private static final String DONE = "data: [DONE]\n\n";

    @Override
    public String start() {
        return data(new JsonObject().put("role", "assistant").put("content", ""), null);
    }

    @Override
    public String text(String text) {
        return data(new JsonObject().put("content", text), null);
    }

    @Override
    public String finish() {
        return finishReason("stop") + DONE;
    }

    @Override
    public String finishAtMaxTokens() {
        return finishReason("length") + DONE;
    }

    @Override
    public String keepAlive() {
        return ": keep-alive\n\n";
    }

    @Override
    public String unparsable() {
        return "data: {\"choices\": [oops\n\n";
    }

    @Override
    public String errorEvent(String type, String message) {
        return "data: " + errorBody(type, message) + "\n\n";
    }

    @Override
    public String quoteOfErrorEvent(String type, String message) {
        return "error: " + message; // OpenAI's errors carry a type, but only the message says what happened
    }

    @Override
    public String errorBody(String type, String message) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .putNull("param").putNull("code")).encode();
    }

    @Override
    public String retryAfterHeader() {
        return "Retry-After";
    }

    @Override
    public String unstreamedAnswer(String text) {
        return base().put("object", "chat.completion").put("choices", new JsonArray().add(new JsonObject()
                .put("index", 0).put("message", new JsonObject().put("role", "assistant").put("content", text))
                .put("finish_reason", "stop"))).encode();
    }

    @Override
    public Reply wholeAnswer(int inputTokens, int outputTokens) {
        String world = text("wörld 🌍");
        return Reply.sse()
                .write(keepAlive())
                .write(start())
                .write(text("Hello, "))
                .pause(20)
                .writeInPieces(world, 20, 7 /* inside "data: {" */, Reply.offset(world, "🌍", 2))
                .write("id: 7\nevent: ignored-by-openai-clients\ndata: {\"object\":\"something.new\",\"x\":1}\n\n")
                .write(text("! Ça va?") + ": still here\n\n")
                .write(finishReason("stop"))
                .write(usage(inputTokens, outputTokens))
                .write(DONE)
                .write(text("written after [DONE]"))
                .end();
    }

    /** A chunk that only says why the answer ended: some servers close the stream right after it. */
    String finishReason(String reason) {
        return data(new JsonObject(), reason);
    }

    private static String data(JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).putNull("logprobs")
                .put("finish_reason", finishReason);
        return "data: " + base().put("choices", new JsonArray().add(choice)).encode() + "\n\n";
    }

    private static String usage(int prompt, int completion) {
        return "data: " + base().put("choices", new JsonArray()).put("usage", new JsonObject()
                .put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion)).encode() + "\n\n";
    }

    private static JsonObject base() {
        return new JsonObject().put("id", "chatcmpl-AbC123").put("object", "chat.completion.chunk")
                .put("created", 1732430000).put("model", "fake-gpt-2024-07-18").put("system_fingerprint", "fp_0ba0d");
    }
}
