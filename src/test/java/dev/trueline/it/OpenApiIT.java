package dev.trueline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * {@code /q/openapi} of the packaged app describes every endpoint: found by reading the compiled resource classes
 * (so a new endpoint without documentation fails here), each with the responses its annotations declare, errors as
 * problem+json, and the turn stream's event types.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppConfig.class)
@WithTestResource(ItManagement.class)
class OpenApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode openapi;
    ItManagement.Root management;

    @BeforeEach
    void fetch() throws Exception {
        Response response = RestAssured.get(management.at("/q/openapi?format=json"));
        assertEquals(200, response.statusCode(), response.asString());
        openapi = JSON.readTree(response.asString());
    }

    @Test
    void everyEndpointIsListedWithItsResponsesAndErrorsAsProblemJson() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertTrue(endpoints.size() >= 5, "found only " + endpoints);
        for (Endpoint endpoint : endpoints) {
            JsonNode operation = openapi.path("paths").path(endpoint.path).path(endpoint.method);
            assertTrue(operation.isObject(), endpoint + " is missing from /q/openapi: " + openapi.get("paths"));
            assertTrue(operation.path("summary").isTextual(), endpoint + " has no summary");
            JsonNode responses = operation.get("responses");
            for (APIResponse declared : endpoint.declared) {
                JsonNode response = resolve(responses.get(declared.responseCode()));
                assertNotNull(response, endpoint + " lacks response " + declared.responseCode());
                assertTrue(response.path("description").isTextual(), endpoint + " " + declared.responseCode());
                if (declared.responseCode().startsWith("4") || declared.responseCode().startsWith("5")) {
                    assertEquals("#/components/schemas/Problem", response.path("content")
                            .path("application/problem+json").path("schema").path("$ref").asText(),
                            endpoint + " " + declared.responseCode() + " is not problem+json");
                }
            }
            assertTrue(endpoint.declared.stream().anyMatch(r -> r.responseCode().startsWith("2")),
                    endpoint + " declares no success response");
            if (endpoint.path.contains("{cid}")) {
                assertNotNull(responses.get("400"), endpoint + " does not document the invalid id refusal");
            }
        }
    }

    @Test
    void turnEndpointDescribesItsRequestBodyAndEverySseEventType() {
        JsonNode post = openapi.path("paths").path("/api/conversations/{cid}/turns").path("post");
        JsonNode body = post.path("requestBody").path("content").path("application/json").path("schema");
        assertEquals("#/components/schemas/TurnRequest", body.path("$ref").asText(), post.toString());
        JsonNode request = openapi.path("components").path("schemas").path("TurnRequest");
        assertTrue(request.path("required").toString().contains("prompt"), request.toString());

        JsonNode stream = post.path("responses").path("200").path("content").path("text/event-stream");
        List<String> oneOf = new ArrayList<>();
        stream.path("schema").path("oneOf").forEach(s -> oneOf.add(s.path("$ref").asText()));
        assertEquals(List.of("#/components/schemas/TurnStartedEvent", "#/components/schemas/ChunkEvent",
                "#/components/schemas/EndEvent", "#/components/schemas/ErrorEvent",
                "#/components/schemas/InterruptedEvent"), oneOf);
        String description = post.path("responses").path("200").path("description").asText();
        for (String event : List.of("`turn`", "`chunk`", "`end`", "`error`", "`interrupted`", "retry:")) {
            assertTrue(description.contains(event), "200 description does not name " + event);
        }
        for (String code : List.of("400", "409", "413", "415", "503")) {
            assertNotNull(post.path("responses").get(code), "turn endpoint does not document " + code);
        }
        String unavailable = resolve(post.path("responses").get("503")).path("description").asText();
        for (String code : List.of("journal_unavailable", "too_many_turns", "shutting_down")) {
            assertTrue(unavailable.contains(code), "the 503 does not name " + code + ": " + unavailable);
        }
    }

    @Test
    void theResumeEndpointDocumentsItsStreamTheEndAnd404() {
        JsonNode get = openapi.path("paths").path("/api/conversations/{cid}/turns/{turn}/events").path("get");
        for (String code : List.of("200", "204", "400", "404")) {
            assertNotNull(get.path("responses").get(code), "the resume endpoint does not document " + code);
        }
        assertTrue(resolve(get.path("responses").get("404")).path("description").asText().contains("turn_not_found"));
        assertTrue(get.path("description").asText().contains("Last-Event-ID"), get.toString());
    }

    @Test
    void everyApiOperationNeedsABearerCredentialAndSaysSo() {
        assertEquals("bearer", openapi.path("components").path("securitySchemes").path("bearer").path("scheme")
                .asText(), "no bearer security scheme");
        openapi.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(operation -> {
                String what = operation.getKey() + " " + path.getKey();
                JsonNode op = operation.getValue();
                assertTrue(op.path("security").toString().contains("\"bearer\""), what + " needs no credential");
                JsonNode unauthorized = resolve(op.path("responses").get("401"));
                assertNotNull(unauthorized, what + " does not document 401");
                assertEquals("#/components/schemas/Problem", unauthorized.path("content")
                        .path("application/problem+json").path("schema").path("$ref").asText(), what);
                if (!operation.getKey().equals("get")) {
                    assertNotNull(op.path("responses").get("415"), what + " does not document the 415 of a "
                            + "request without Content-Type: application/json");
                }
            });
        });
    }

    @Test
    void swaggerUiIsOffInProdUntilTurnedOn() throws Exception {
        assertEquals(404, RestAssured.get("/q/swagger-ui/").statusCode());
    }

    /** A response, following a {@code $ref} into {@code components/responses}. */
    private JsonNode resolve(JsonNode response) {
        if (response == null || !response.has("$ref")) {
            return response;
        }
        String name = response.get("$ref").asText().replace("#/components/responses/", "");
        return openapi.path("components").path("responses").get(name);
    }

    private record Endpoint(String method, String path, List<APIResponse> declared) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** Every JAX-RS resource method in the compiled application classes. */
    private static List<Endpoint> endpoints() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiIT.class.getClassLoader());
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null || type.isInterface()) {
                    continue; // interfaces with @Path are REST clients of the upstream models, not our endpoints
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = verb(method);
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = normalize(root.value() + (sub == null ? "" : "/" + sub.value()));
                    endpoints.add(new Endpoint(verb, path, List.of(method.getAnnotationsByType(APIResponse.class))));
                }
            }
        }
        return endpoints;
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "get";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "post";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "put";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "delete";
        }
        return null;
    }

    /** {@code /api/conversations/{cid: [^/]*}/turns} as OpenAPI writes it: {@code /api/conversations/{cid}/turns}. */
    private static String normalize(String path) {
        String p = path.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
