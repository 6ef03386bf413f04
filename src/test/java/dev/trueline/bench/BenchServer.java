package dev.trueline.bench;

import java.nio.file.Path;

/** A server the harness can start for a scenario: Trueline's packaged app or the reference design. */
interface BenchServer {

    /** {@code trueline} or {@code reference}, as the table names it. */
    String name();

    Protocol protocol();

    /**
     * Starts the server for {@code scenario} with an empty journal in {@code journal}, on {@code cpus} ({@code taskset}
     * list, null for any), its output in {@code log}; returns once it answers.
     */
    ServerProcess start(Scenario scenario, Path journal, String cpus, Path log) throws Exception;
}
