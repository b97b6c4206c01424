package org.ethercattle.api.spi;

import java.io.IOException;
import java.io.Reader;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed spec string naming a store, log or codec: {@code scheme:path}, {@code scheme://host:port/path},
 * either followed by {@code ?name=value&name=value}.
 *
 * <p>Examples: {@code rocksdb:/var/lib/cattle/db}, {@code memory:demo}, {@code file:/var/lib/cattle/log?fsync=always},
 * {@code kafka://10.0.0.5:9092/mainnet-cdc}. Parameter values are URL-decoded, so a value may hold
 * {@code &} or {@code =} as {@code %26} and {@code %3D}. Immutable.
 *
 * <p>{@link #toString()} masks what may be a secret, so a spec can be printed and logged: the value of every
 * parameter whose name contains one of the words password, pass, token, secret, credential, key, jaas or auth
 * (in any case, e.g. {@code truststorePassword}, {@code kafka.sasl.jaas.config}), or holds a word within a typo
 * of one (e.g. {@code pasword}, {@code tokn}); and the user-info of the authority ({@code user:***@host}). An
 * error about an unknown parameter shows no parameter value at all ({@link #unknownParameter}); an error
 * about a spec that does not parse shows it only up to its query.
 *
 * @param text      the original string
 * @param scheme    lower-case scheme, never empty
 * @param authority {@code host:port} for {@code scheme://} specs, otherwise {@code null}
 * @param path      what follows the scheme (or the authority), without the query; may be empty
 * @param params    the query parameters in the order given
 */
public record Spec(String text, String scheme, String authority, String path, Map<String, String> params) {

    /** Name parts that mark a parameter's value as secret; see the class javadoc. */
    private static final Set<String> SECRET_WORDS =
            Set.of("password", "pass", "token", "secret", "credential", "key", "jaas", "auth");

    /** What {@link #toString()} shows instead of a secret. */
    private static final String MASK = "***";

    /**
     * The largest size {@link #sizeParam} accepts: 1 PiB ({@code 1p}), beyond any disk or memory a store or
     * log holds, and far enough below {@code Long.MAX_VALUE} that sums and doublings of sizes cannot overflow.
     * Providers bound their own parameters lower where they can.
     */
    public static final long MAX_SIZE = 1L << 50;

    public Spec {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(path, "path");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses {@code text}; throws {@link SpecException} showing the expected form when it is malformed. */
    public static Spec parse(String text) {
        Objects.requireNonNull(text, "spec");
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new SpecException("spec '" + unparsed(text) + "' has no scheme; write it as scheme:path or"
                    + " scheme://host:port/path, e.g. rocksdb:/var/lib/cattle/db or file:/var/lib/cattle/log");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            throw new SpecException("spec '" + unparsed(text) + "' has an invalid scheme '" + scheme
                    + "'; a scheme is letters, digits, '+', '-' or '.', starting with a letter");
        }
        String rest = text.substring(colon + 1);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String authority = null;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
        }
        return new Spec(text, scheme, authority, rest, parseQuery(text, query));
    }

    private static Map<String, String> parseQuery(String text, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new SpecException("spec '" + unparsed(text) + "' has parameter '" + pair
                        + "' without a value; write it as name=value");
            }
            String name = decode(pair.substring(0, eq));
            if (params.put(name, decode(pair.substring(eq + 1))) != null) {
                throw new SpecException("spec '" + unparsed(text) + "' gives parameter '" + name + "' twice");
            }
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Do not quote s: it may be a password with a stray '%'.
            throw new SpecException("a spec parameter holds a '%' that is not followed by two hex digits;"
                    + " write a literal % as %25");
        }
    }

    /**
     * {@code text} as it may be printed: the spec's {@link #toString()} (secrets masked) when it parses;
     * otherwise the text up to its query with any user-info masked, since a spec that does not parse cannot
     * tell its secrets apart. For messages and logs that show a spec the user gave as a string.
     */
    public static String redact(String text) {
        if (text == null) {
            return "null";
        }
        try {
            return parse(text).toString();
        } catch (SpecException e) {
            return unparsed(text);
        }
    }

    /** A spec that did not parse, shown without its query and user-info (either may hold a secret). */
    private static String unparsed(String text) {
        int question = text.indexOf('?');
        String shown = question < 0 ? text : text.substring(0, question) + "?" + MASK;
        int at = shown.lastIndexOf('@');
        return at < 0 ? shown : MASK + shown.substring(at);
    }

    /**
     * The same spec with another path, keeping the scheme, authority and parameters: e.g. the spec of a
     * checkpoint copy of a store.
     */
    public Spec withPath(String newPath) {
        StringBuilder out = new StringBuilder(scheme).append(':');
        if (authority != null) {
            out.append("//").append(authority).append('/');
        }
        out.append(newPath);
        int question = text.indexOf('?');
        if (question >= 0) {
            out.append(text, question, text.length());
        }
        return parse(out.toString());
    }

    /**
     * The parameter naming a Java properties file of further parameters, e.g.
     * {@code rocksdb:/var/lib/cattle/db?config=/etc/cattle/rocksdb.properties}; see {@link #withConfigFile()}.
     */
    public static final String CONFIG_PARAM = "config";

    /**
     * When the spec has a {@value #CONFIG_PARAM} parameter: the spec without it, with the parameters of
     * the properties file it names added by {@link #withParamsFrom(Path)} (a parameter written in the spec
     * wins over the file). Otherwise this spec. A provider calls this first, before reading parameters, so
     * every provider takes a config file the same way; the file's parameters are then checked like the
     * spec's own (e.g. an unknown name fails {@link #requireOnly}).
     *
     * @throws SpecException if the file cannot be read, is not a properties file, or itself names a
     *                       {@value #CONFIG_PARAM}
     */
    public Spec withConfigFile() {
        String file = params.get(CONFIG_PARAM);
        if (file == null) {
            return this;
        }
        Map<String, String> own = new LinkedHashMap<>(params);
        own.remove(CONFIG_PARAM);
        return withParams(own).withParamsFrom(Path.of(file));
    }

    /**
     * The spec with the parameters of the Java properties file {@code file} added under its own: a name
     * in both keeps the spec's value, so a command line can override a shared file. Names and values are
     * taken as the file gives them (trimmed, not URL-decoded); the file's parameters follow the spec's,
     * sorted by name. Reads the file once, now.
     *
     * @throws SpecException if the file cannot be read, is malformed, or holds {@value #CONFIG_PARAM}
     *                       (config files do not nest)
     */
    public Spec withParamsFrom(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new SpecException("spec '" + this + "': cannot read the config file " + file.toAbsolutePath()
                    + " (" + e.getMessage() + "); check the path and that it is a readable Java properties file"
                    + " of name=value lines", e);
        }
        Map<String, String> merged = new LinkedHashMap<>(params);
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (name.trim().equals(CONFIG_PARAM)) {
                throw new SpecException("config file " + file.toAbsolutePath() + " sets '" + CONFIG_PARAM
                        + "'; config files do not nest: put every parameter in one file");
            }
            merged.putIfAbsent(name.trim(), properties.getProperty(name).trim());
        }
        return withParams(merged);
    }

    /** The same scheme, authority and path with {@code newParams}, its text rebuilt (values URL-encoded). */
    private Spec withParams(Map<String, String> newParams) {
        StringBuilder out = new StringBuilder(scheme).append(':');
        if (authority != null) {
            out.append("//").append(authority).append('/');
        }
        out.append(path);
        char separator = '?';
        for (Map.Entry<String, String> e : newParams.entrySet()) {
            out.append(separator).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return new Spec(out.toString(), scheme, authority, path, newParams);
    }

    /** The path, failing with a clear message when the spec has none. */
    public String requirePath() {
        if (path.isEmpty()) {
            throw new SpecException("spec '" + this + "' needs a path, e.g. " + scheme + ":/var/lib/cattle/"
                    + scheme);
        }
        return path;
    }

    /**
     * Fails when the spec has a parameter outside {@code known}, listing the known ones; a typo in a
     * parameter name must not be silently ignored.
     */
    public Spec requireOnly(Set<String> known) {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw unknownParameter(name, known.isEmpty() ? "no parameters" : new TreeSet<>(known).toString());
            }
        }
        return this;
    }

    /**
     * The error for parameter {@code name}, which the provider does not accept: it names the parameter and
     * what is accepted, and shows the spec with every parameter value masked. An unknown name may be a
     * misspelled secret ({@code pasword=...}), and the values do not help to fix a name, so none is shown.
     *
     * @param accepted what {@link #scheme()} accepts, as the message should say it, e.g. {@code [fsync, segmentBytes]}
     */
    public SpecException unknownParameter(String name, String accepted) {
        return new SpecException("spec '" + render(n -> true) + "' has unknown parameter '" + name + "'; "
                + scheme + " accepts " + accepted);
    }

    public String param(String name, String defaultValue) {
        return params.getOrDefault(name, defaultValue);
    }

    public long longParam(String name, long defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw badValue(name, value, "a whole number");
        }
    }

    public boolean booleanParam(String name, boolean defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw badValue(name, value, "true or false");
        };
    }

    /**
     * A byte size such as {@code 512}, {@code 64k}, {@code 256m}, {@code 64g}, {@code 1t} or {@code 1p} (binary units; a
     * trailing {@code b} or {@code ib} is allowed): zero up to {@link #MAX_SIZE}.
     *
     * @throws SpecException naming the parameter, its value and what is accepted, for a negative, fractional
     *                       or overflowing number or an unknown unit
     */
    public long sizeParam(String name, long defaultValue) {
        String value = params.get(name);
        return value == null ? defaultValue : parseSize(name, value);
    }

    /**
     * {@link #sizeParam(String, long)} from {@code min} to {@code max}; the error states both (e.g. "give a size
     * from 64k to 1t"), so a parameter that takes memory can refuse an absurd {@code cacheSize=100t}.
     */
    public long sizeParam(String name, long defaultValue, long min, long max) {
        long size = sizeParam(name, defaultValue);
        if (params.containsKey(name) && (size < min || size > max)) {
            throw badValue(name, params.get(name), "a size from " + formatSize(min) + " to " + formatSize(max));
        }
        return size;
    }

    /** {@code bytes} in the largest binary unit that divides it, e.g. {@code 64k}, {@code 1t} or {@code 1000}. */
    public static String formatSize(long bytes) {
        String[] units = {"p", "t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            int shift = 10 * (units.length - i);
            if (bytes != 0 && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /**
     * A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601
     * {@code PT30S}: zero or more, and short enough to count in nanoseconds (about 292 years). Whether zero
     * means "off" or is refused is the provider's rule.
     *
     * @throws SpecException naming the parameter, its value and what is accepted
     */
    public Duration durationParam(String name, Duration defaultValue) {
        String value = params.get(name);
        return value == null ? defaultValue : parseDuration(name, value);
    }

    /** The enum constant whose name matches the parameter, case-insensitively. */
    public <E extends Enum<E>> E enumParam(String name, Class<E> type, E defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim().replace('-', '_'))) {
                return constant;
            }
        }
        StringBuilder choices = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            choices.append(choices.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw badValue(name, value, "one of " + choices);
    }

    private long parseSize(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ib")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        long unit = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                case 'p' -> unit = 1L << 50;
                default -> unit = 1;
            }
            if (unit != 1) {
                v = v.substring(0, v.length() - 1);
            }
        }
        String expected = "a size from 0 to " + formatSize(MAX_SIZE) + " such as 4096, 64k, 256m or 2g";
        long n;
        try {
            // Digits only: Long.parseLong would take a sign, and a size has none.
            if (!v.trim().matches("[0-9]+")) {
                throw new NumberFormatException();
            }
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw badValue(name, value, expected);
        }
        if (n > MAX_SIZE / unit) {
            throw badValue(name, value, expected);
        }
        return n * unit;
    }

    private Duration parseDuration(String name, String value) {
        Duration d = parseAnyDuration(name, value);
        if (d.isNegative()) {
            throw badValue(name, value, "a duration of zero or more, such as 500ms, 30s, 5m, 2h or 7d");
        }
        try {
            d.toNanos();
        } catch (ArithmeticException e) {
            throw badValue(name, value, "a duration under 292 years, such as 500ms, 30s, 5m, 2h or 7d");
        }
        return d;
    }

    private Duration parseAnyDuration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw badValue(name, value, "a duration such as 500ms, 30s, 5m, 2h or 7d");
            };
        } catch (RuntimeException e) {
            if (e instanceof SpecException se) {
                throw se;
            }
            throw badValue(name, value, "a duration such as 500ms, 30s, 5m, 2h or 7d");
        }
    }

    private SpecException badValue(String name, String value, String expected) {
        return new SpecException("spec '" + this + "': parameter " + name + "=" + (isSecret(name) ? MASK : value)
                + " is not " + expected);
    }

    /**
     * Whether {@code name} may name a secret: it contains a {@link #SECRET_WORDS} word, or one of its parts
     * (split at non-letters and lower-to-upper case changes) is within a typo of one: one edit for words of
     * up to four letters, two for longer ones, a swap of neighbours being one (so {@code pasword}, {@code passwd},
     * {@code tokn} and {@code credentails} count).
     */
    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        for (String part : name.split("[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")) {
            String p = part.toLowerCase(Locale.ROOT);
            for (String word : SECRET_WORDS) {
                if (editDistance(p, word) <= (word.length() <= 4 ? 1 : 2)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Edit distance counting an insertion, deletion, substitution or swap of neighbours as one (a typo each). */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int substitution = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The spec as written, with what may be a secret replaced by {@code ***} (see the class javadoc). */
    @Override
    public String toString() {
        return render(Spec::isSecret);
    }

    /** The spec with the user-info of its authority, and the values of the parameters {@code masked} names, masked. */
    private String render(java.util.function.Predicate<String> masked) {
        if (params.isEmpty() && (authority == null || !authority.contains("@"))) {
            return text;
        }
        StringBuilder out = new StringBuilder(scheme).append(':');
        if (authority != null) {
            out.append("//").append(maskUserInfo(authority)).append('/');
        }
        out.append(path);
        char separator = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            out.append(separator).append(e.getKey()).append('=')
                    .append(masked.test(e.getKey()) ? MASK : e.getValue());
            separator = '&';
        }
        return out.toString();
    }

    /** {@code user:pass@host} becomes {@code user:***@host}; {@code token@host} becomes {@code ***@host}. */
    private static String maskUserInfo(String authority) {
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return authority;
        }
        int colon = authority.indexOf(':');
        String user = colon >= 0 && colon < at ? authority.substring(0, colon + 1) : "";
        return user + MASK + authority.substring(at);
    }
}
