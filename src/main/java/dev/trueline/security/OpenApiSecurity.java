package dev.trueline.security;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import dev.trueline.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Says in {@code /q/openapi} what the HTTP permissions do, since no resource carries a security annotation: a
 * {@code bearer} security scheme, required by every {@code /api/} operation, each of which may answer 401
 * {@code unauthorized}; and the 415 every operation but a read may answer without {@code Content-Type:
 * application/json}. Run at build time; the document describes {@code token} and {@code jwt} mode (in
 * {@code none} no credential is needed).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiSecurity implements OASFilter {

    static final String SCHEME = "bearer";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String NOT_JSON = "NotJson";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("In trueline.auth.mode=token a static token, in jwt a JWT whose sub "
                        + "is the caller; none needs no credential (docs/security.md)."));
        components.addResponse(UNAUTHORIZED, problem("No valid bearer credential (code unauthorized); "
                + "WWW-Authenticate: Bearer realm=\"trueline\", with error=\"invalid_token\" when one was refused."));
        components.addResponse(NOT_JSON, problem("Not sent with Content-Type: application/json, which every request "
                + "but a read must carry, also without a body (code unsupported_media_type)."));
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, operation) -> secure(method, operation));
            }
        });
    }

    private static void secure(PathItem.HttpMethod method, Operation operation) {
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
        operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                .ref("#/components/responses/" + UNAUTHORIZED));
        boolean read = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD
                || method == PathItem.HttpMethod.OPTIONS;
        if (!read && !operation.getResponses().hasAPIResponse("415")) {
            operation.getResponses().addAPIResponse("415", OASFactory.createAPIResponse()
                    .ref("#/components/responses/" + NOT_JSON));
        }
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema()
                        .ref("#/components/schemas/Problem"))));
    }
}
