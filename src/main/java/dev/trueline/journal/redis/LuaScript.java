package dev.trueline.journal.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * One Lua script of the journal, run by its SHA-1 ({@code EVALSHA}); a server that does not know it yet (new, or
 * restarted) answers {@code NOSCRIPT} and gets the whole script once ({@code EVAL}, which also caches it). The
 * sources are {@code *.lua} resources next to this class.
 */
final class LuaScript {

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** The resources {@code names}, in this order, as one script (a shared prelude first, then the body). */
    static LuaScript load(String... names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing script resource " + name);
                }
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new LuaScript(text.toString());
    }

    /** Runs the script with {@code keys} and {@code args}; its reply, or the failure Redis answered with. */
    Uni<Response> run(Redis redis, List<String> keys, List<String> args) {
        return run(redis::send, keys, args);
    }

    /** Runs the script through {@code send}: one connection's, when what follows must go on the same one. */
    Uni<Response> run(Function<Request, Uni<Response>> send, List<String> keys, List<String> args) {
        return send.apply(request(Command.EVALSHA, sha, keys, args))
                .onFailure(LuaScript::unknownScript)
                .recoverWithUni(() -> send.apply(request(Command.EVAL, source, keys, args)));
    }

    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
