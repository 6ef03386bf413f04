package dev.trueline.journal;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Something the reader skipped or the writer cut: {@code torn_tail} (a last line without its newline, never fully
 * written) or {@code corrupt_line} (a line that is not a JSON record). {@code line} is 1-based; {@code offset} and
 * {@code bytes} locate the skipped bytes in the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson in transcripts
public record Repair(String kind, Long line, long offset, long bytes, String detail) {

    public static final String TORN_TAIL = "torn_tail";
    public static final String CORRUPT_LINE = "corrupt_line";
}
