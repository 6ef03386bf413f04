package dev.trueline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The configuration table of {@code docs/configuration.md} says what the {@code @ConfigMapping} interfaces say: one
 * row per key, with its environment variable and its default, and no row for a {@code trueline.*} key that does not
 * exist.
 */
class ConfigurationDocsTest {

    static final Path CONFIGURATION_DOC = Path.of("docs", "configuration.md");

    /** A key of a mapping and its {@code @WithDefault} value, or null when it has none (unset by default). */
    record Key(String name, String defaultValue) {
    }

    /** A table row: {@code | `key` | `ENV` | default | meaning |}. */
    record Row(String environmentVariable, String defaultCell) {
    }

    @Test
    void everyConfigKeyHasARowWithItsEnvironmentVariableAndDefault() throws Exception {
        Map<String, Row> rows = rows(Files.readString(CONFIGURATION_DOC));
        List<Key> keys = configKeys();
        assertTrue(keys.size() >= 5, "found too few config keys: " + keys);
        List<String> wrong = new ArrayList<>();
        for (Key key : keys) {
            Row row = rows.get(key.name());
            if (row == null) {
                wrong.add(key.name() + ": no row");
                continue;
            }
            String env = "`" + key.name().toUpperCase().replaceAll("[.-]", "_") + "`";
            if (!row.environmentVariable().equals(env)) {
                wrong.add(key.name() + ": environment variable should be " + env + ", is " + row.environmentVariable());
            }
            String expected = key.defaultValue() == null ? "unset" : "`" + key.defaultValue() + "`";
            if (!row.defaultCell().startsWith(expected)) {
                wrong.add(key.name() + ": default should start with " + expected + ", is " + row.defaultCell());
            }
        }
        assertTrue(wrong.isEmpty(), CONFIGURATION_DOC + " disagrees with the @ConfigMapping interfaces: " + wrong);
    }

    @Test
    void everyTruelineRowNamesAKeyThatExists() throws Exception {
        List<String> known = configKeys().stream().map(Key::name).toList();
        List<String> unknown = rows(Files.readString(CONFIGURATION_DOC)).keySet().stream()
                .filter(k -> k.startsWith("trueline.") && !known.contains(k)).toList();
        assertEquals(List.of(), unknown, CONFIGURATION_DOC + " documents keys no @ConfigMapping declares");
    }

    /** Rows of every table whose first cell is a key in backticks, by key. */
    private static Map<String, Row> rows(String markdown) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            // cells[0] is the empty text before the first '|'
            String key = cells[1].strip().replace("`", "");
            Row previous = rows.put(key, new Row(cells[2].strip(), cells[3].strip()));
            assertTrue(previous == null, "two rows for " + key);
        }
        return rows;
    }

    private static List<Key> configKeys() throws IOException, ClassNotFoundException {
        List<Key> keys = new ArrayList<>();
        for (Class<?> mapping : configMappings()) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
        }
        return keys;
    }

    private static void collect(String prefix, Class<?> type, List<Key> keys) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key = prefix + "." + kebab(m.getName());
            Class<?> returned = m.getReturnType();
            if (returned.isInterface() && returned.getName().startsWith("dev.trueline")) {
                collect(key, returned, keys); // a group of keys
            } else if (returned != Optional.class || !m.getGenericReturnType().getTypeName().contains("dev.trueline")) {
                WithDefault withDefault = m.getAnnotation(WithDefault.class);
                keys.add(new Key(key, withDefault == null ? null : withDefault.value()));
            }
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> configMappings() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, ConfigurationDocsTest.class.getClassLoader());
                if (c.isAnnotationPresent(ConfigMapping.class)) {
                    found.add(c);
                }
            }
        }
        return found;
    }
}
