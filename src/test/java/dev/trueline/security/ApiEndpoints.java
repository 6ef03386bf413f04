package dev.trueline.security;

import java.util.List;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint under {@code /api/}, as the access-control tests call them: each must refuse a caller without a
 * valid credential. A new endpoint is one more line in {@link #ALL}.
 */
record ApiEndpoints(String method, String path) {

    static final List<ApiEndpoints> ALL = List.of(
            new ApiEndpoints("POST", "/api/conversations/{cid}/turns"),
            new ApiEndpoints("POST", "/api/conversations/{cid}/turns/1/stop"),
            new ApiEndpoints("GET", "/api/conversations/{cid}/turns/1/events"),
            new ApiEndpoints("GET", "/api/conversations"),
            new ApiEndpoints("GET", "/api/conversations/{cid}"),
            new ApiEndpoints("GET", "/api/conversations/{cid}/journal"),
            new ApiEndpoints("DELETE", "/api/conversations/{cid}"));

    /**
     * Calls this endpoint for conversation {@code cid} the way the page does (JSON content type; a prompt for a turn),
     * with {@code authorization} as the {@code Authorization} header when not null.
     */
    Response call(String cid, String authorization) {
        RequestSpecification request = RestAssured.given().contentType("application/json");
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (path.endsWith("/turns")) {
            request = request.body("{\"prompt\":\"hello #chunks=1 #delay-ms=1\"}");
        }
        return request.request(method, path.replace("{cid}", cid));
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
