package org.ethercattle.api.spi;

import java.util.ArrayList;
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
    private volatile Map<String, List<P>> byScheme;

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
        if (provider.apiVersion() != Provider.API_VERSION) {
            throw new ProviderNotFoundException(kind + " provider " + provider.getClass().getName() + " for scheme '"
                    + provider.scheme() + "' was built for Cattle API version " + provider.apiVersion()
                    + " but this is version " + Provider.API_VERSION + "; use the adapter release that matches"
                    + " cattle-api");
        }
        return provider;
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
        }
        return message.toString();
    }

    private Map<String, List<P>> providers() {
        Map<String, List<P>> loaded = byScheme;
        if (loaded == null) {
            synchronized (this) {
                loaded = byScheme;
                if (loaded == null) {
                    loaded = load();
                    byScheme = loaded;
                }
            }
        }
        return loaded;
    }

    private Map<String, List<P>> load() {
        Map<String, List<P>> found = new TreeMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = type.getClassLoader();
        }
        try {
            for (P provider : ServiceLoader.load(type, loader)) {
                found.computeIfAbsent(provider.scheme(), s -> new ArrayList<>()).add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new ProviderNotFoundException("a " + kind + " provider on the classpath failed to load: "
                    + e.getMessage() + "; check that its jar matches this Cattle release");
        }
        return found;
    }
}
