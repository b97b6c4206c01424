package org.ethercattle.api.spi;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds the providers of one kind on the classpath with {@link ServiceLoader} and picks the one a
 * scheme names.
 *
 * <p>When several providers claim one scheme, the system property {@code cattle.provider.<scheme>}
 * set to a class name chooses; without it the lookup fails listing the candidates (never a silent
 * first-wins). A provider built against another API version is refused by name. Thread-safe; the
 * classpath is scanned once, on first use.
 *
 * @param <P> the provider interface
 */
public final class ProviderRegistry<P extends Provider> {

    private final Class<P> type;
    private final String kind;
    private static final int MAX_PROVIDERS = 10_000;

    private volatile Loaded<P> loaded;

    /**
     * @param type the provider interface to load
     * @param kind what the providers provide, for messages: "store", "log", "codec"
     */
    public ProviderRegistry(Class<P> type, String kind) {
        this.type = type;
        this.kind = kind;
    }

    /** The provider for {@code scheme}; throws {@link ProviderNotFoundException} explaining what to add. */
    public P forScheme(String scheme) {
        List<P> candidates = providers().get(scheme);
        if (candidates == null || candidates.isEmpty()) {
            throw new ProviderNotFoundException(missingMessage(scheme));
        }
        if (candidates.size() == 1) {
            return checkVersion(candidates.get(0));
        }
        String property = "cattle.provider." + scheme;
        String chosen = System.getProperty(property);
        List<String> names = new ArrayList<>();
        for (P candidate : candidates) {
            names.add(candidate.getClass().getName());
            if (candidate.getClass().getName().equals(chosen)) {
                return checkVersion(candidate);
            }
        }
        throw new ProviderNotFoundException("several " + kind + " providers answer to scheme '" + scheme
                + "': " + names + "; keep one of their jars on the classpath or choose one with -D"
                + property + "=<class name>");
    }

    /** Every scheme found, with the description of its provider, in scheme order. */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        providers().forEach((scheme, list) -> out.put(scheme, list.get(0).description()));
        return out;
    }

    private P checkVersion(P provider) {
        int built = provider.apiVersion();
        if (built != Provider.API_VERSION) {
            throw new ProviderNotFoundException(kind + " provider " + provider.getClass().getName() + " for scheme '"
                    + provider.scheme() + "' (from " + origin(provider.getClass()) + ") was built for Cattle API"
                    + " version " + built + ", but the cattle-api on the classpath is version " + Provider.API_VERSION
                    + "; replace that jar with its release built for API version " + Provider.API_VERSION
                    + ", or remove it");
        }
        return provider;
    }

    /**
     * Where {@code type} was loaded from, for messages: its jar's file name (or the directory, for classes
     * not in a jar), so that a user who put a plugin on the path can see which copy was picked up.
     */
    public static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "the JDK";
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return path.toString().endsWith(".jar") ? path.getFileName().toString() : path.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    private String missingMessage(String scheme) {
        StringBuilder message = new StringBuilder("no ").append(kind).append(" provider for scheme '")
                .append(scheme).append("' on the classpath. Found: ");
        Map<String, List<P>> found = providers();
        if (found.isEmpty()) {
            message.append("none");
        } else {
            boolean first = true;
            for (Map.Entry<String, List<P>> e : found.entrySet()) {
                message.append(first ? "" : ", ").append(e.getKey());
                String artifact = KnownProviders.artifactFor(kind, e.getKey());
                if (artifact != null) {
                    message.append(" (").append(artifact).append(')');
                }
                first = false;
            }
        }
        message.append('.');
        String artifact = KnownProviders.artifactFor(kind, scheme);
        if (artifact != null) {
            message.append(" Add org.ethercattle:").append(artifact).append(" to the classpath for '")
                    .append(scheme).append("'.");
        } else {
            message.append(" Known ").append(kind).append(" schemes and their artifacts: ")
                    .append(KnownProviders.describe(kind)).append('.');
            // Not one of Cattle's own: most likely an adapter of the user's that is not on the path or not
            // registered, the two things a ServiceLoader needs.
            message.append(" An adapter of your own is found when its jar is on the classpath (for ./cattle:"
                    + " CATTLE_CLASSPATH or --plugins DIR) and lists its class in META-INF/services/")
                    .append(type.getName()).append(" (@AutoService(").append(type.getSimpleName())
                    .append(".class) writes that file when the auto-service annotation processor runs).");
        }
        List<String> broken = scan().broken();
        if (!broken.isEmpty()) {
            message.append(" Providers that failed to load (check that their jars match this Cattle release): ")
                    .append(broken).append('.');
        }
        return message.toString();
    }

    private Map<String, List<P>> providers() {
        return scan().byScheme();
    }

    private Loaded<P> scan() {
        Loaded<P> result = loaded;
        if (result == null) {
            synchronized (this) {
                result = loaded;
                if (result == null) {
                    result = load();
                    loaded = result;
                }
            }
        }
        return result;
    }

    private Loaded<P> load() {
        Map<String, List<P>> found = new TreeMap<>();
        List<String> broken = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = type.getClassLoader();
        }
        // One broken jar must not hide the providers of every other scheme: ServiceLoader's iterator
        // moves past a provider that failed, so errors are collected per provider and reported only
        // when someone asks for a scheme that is missing.
        Iterator<P> providers = ServiceLoader.load(type, loader).iterator();
        for (int attempts = 0; attempts < MAX_PROVIDERS; attempts++) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                P provider = providers.next();
                found.computeIfAbsent(provider.scheme(), s -> new ArrayList<>()).add(provider);
            } catch (ServiceConfigurationError | LinkageError e) {
                broken.add(e.getMessage());
            }
        }
        return new Loaded<>(found, List.copyOf(broken));
    }

    /** What one classpath scan found: providers by scheme, and the messages of those that failed. */
    private record Loaded<P>(Map<String, List<P>> byScheme, List<String> broken) {}
}
