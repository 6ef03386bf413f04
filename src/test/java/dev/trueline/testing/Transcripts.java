package dev.trueline.testing;

import static io.restassured.RestAssured.given;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A conversation as the page reads it back: {@code GET /api/conversations/{cid}}, through RestAssured. */
public final class Transcripts {

    private Transcripts() {
    }

    public static JsonObject of(String cid) {
        return new JsonObject(given().get("/api/conversations/{cid}", cid).then().statusCode(200).extract().asString());
    }

    /** The last message (the assistant's answer to the last turn). */
    public static JsonObject lastMessage(String cid) {
        JsonArray messages = of(cid).getJsonArray("messages");
        return messages.getJsonObject(messages.size() - 1);
    }
}
