package dev.trueline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.upstream.UpstreamMessage;
import dev.trueline.adapter.upstream.UpstreamProtocol;
import dev.trueline.conversation.ConversationResource;
import dev.trueline.journal.JournalRecord;
import dev.trueline.problem.Problem;
import dev.trueline.turn.TurnEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A native image keeps only the reflection the build can see. Jackson writes and reads Trueline's records by
 * reflection, so every such type must carry {@link RegisterForReflection}: the journal's record types (found through
 * the sealed hierarchy, so a new record type is checked without touching this test), the SSE events, problem
 * details, every type the conversation endpoints return, and the request body of every upstream protocol (found
 * in the compiled classes, so a new provider is checked too), with the types nested in them.
 */
class NativeReflectionTest {

    @Test
    void everyJournalRecordTypeIsRegisteredForReflection() {
        Set<Class<?>> types = reachable(List.of(JournalRecord.class));
        assertTrue(types.size() >= 8, "expected the journal's record types, found " + types);
        assertRegistered(types);
    }

    @Test
    void everyTypeJacksonWritesForTheApiIsRegisteredForReflection() {
        List<Class<?>> roots = new java.util.ArrayList<>(List.of(TurnEvent.class, Problem.class));
        for (Method method : ConversationResource.class.getDeclaredMethods()) {
            collectDeclared(method.getGenericReturnType(), roots);
        }
        Set<Class<?>> types = reachable(roots);
        assertTrue(types.stream().anyMatch(t -> t.getSimpleName().equals("Transcript")), types.toString());
        assertRegistered(types);
    }

    @Test
    void everyUpstreamRequestBodyIsRegisteredForReflection() throws Exception {
        List<Class<?>> bodies = new java.util.ArrayList<>();
        for (Field protocol : upstreamProtocols()) {
            ParameterizedType type = (ParameterizedType) protocol.getGenericType(); // UpstreamProtocol<Api, Body>
            bodies.add((Class<?>) type.getActualTypeArguments()[1]);
        }
        assertTrue(bodies.size() >= 2, "expected the OpenAI and Anthropic protocols, found " + bodies);
        Set<Class<?>> types = reachable(bodies);
        assertTrue(types.contains(UpstreamMessage.class), types.toString());
        assertRegistered(types);
    }

    /** The {@code static UpstreamProtocol} constants of the compiled application: one per provider. */
    private static List<Field> upstreamProtocols() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        List<Field> found = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/trueline/adapter"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Field field : Class.forName(name, false, NativeReflectionTest.class.getClassLoader())
                        .getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == UpstreamProtocol.class) {
                        found.add(field);
                    }
                }
            }
        }
        return found;
    }

    private static void assertRegistered(Set<Class<?>> types) {
        List<String> missing = types.stream()
                .filter(t -> !t.isInterface())
                .filter(t -> !t.isAnnotationPresent(RegisterForReflection.class))
                .map(Class::getName)
                .toList();
        assertEquals(List.of(), missing, "types Jackson handles without @RegisterForReflection");
    }

    /** The Trueline types reachable from the roots through sealed subtypes and record components. */
    private static Set<Class<?>> reachable(List<Class<?>> roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.getName().startsWith("dev.trueline.") || !seen.add(type)) {
                continue;
            }
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    List<Class<?>> nested = new java.util.ArrayList<>();
                    collectDeclared(component.getGenericType(), nested);
                    todo.addAll(nested);
                }
            }
        }
        return seen;
    }

    /** A type and its generic arguments ({@code Uni<List<Transcript>>} gives Uni, List, Transcript). */
    private static void collectDeclared(Type type, List<Class<?>> into) {
        if (type instanceof Class<?> c) {
            into.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            collectDeclared(p.getRawType(), into);
            for (Type argument : p.getActualTypeArguments()) {
                collectDeclared(argument, into);
            }
        }
    }
}
