package dev.trueline.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;

/** The README's configuration tables name every key of every {@code @ConfigMapping} interface. */
class ConfigurationDocsTest {

    @Test
    void readmeDocumentsEveryConfigKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> keys = new ArrayList<>();
        for (Class<?> mapping : configMappings()) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
        }
        assertTrue(keys.size() >= 5, "found too few config keys: " + keys);
        List<String> missing = keys.stream().filter(k -> !readme.contains("`" + k + "`")).toList();
        assertTrue(missing.isEmpty(), "README does not document: " + missing);
    }

    private static void collect(String prefix, Class<?> type, List<String> keys) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key = prefix + "." + kebab(m.getName());
            Class<?> returned = m.getReturnType();
            if (returned.isInterface() && returned.getName().startsWith("dev.trueline")) {
                collect(key, returned, keys); // a group of keys
            } else if (returned != Optional.class || !m.getGenericReturnType().getTypeName().contains("dev.trueline")) {
                keys.add(key);
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
