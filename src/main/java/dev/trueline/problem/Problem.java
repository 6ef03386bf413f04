package dev.trueline.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json} for every error a client can see before a
 * stream starts. {@code code} is Trueline's stable, machine-readable name for the problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson
@Schema(name = "Problem", description = "RFC 9457 problem details; `code` is Trueline's stable name for the problem")
public record Problem(String type, String title, int status, String detail, String instance, String code) {

    /** The media type of RFC 9457 problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are relative URIs naming the code, so they are stable and need no web page to exist. */
    public static String typeFor(String code) {
        return "/problems/" + code;
    }
}
