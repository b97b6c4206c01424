package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GETs against a replica's HTTP endpoints, and waits for an answer that satisfies a condition. */
final class HttpProbe {

    /** One answer. */
    record Answer(int code, String body) {
        /** The value of the JSON field {@code "name":<number or string>} (first occurrence), or null. */
        String field(String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"([^\"]*)\"|[^,}\\]]+)").matcher(body);
            if (!m.find()) {
                return null;
            }
            return m.group(2) != null ? m.group(2) : m.group(1);
        }

        @Override
        public String toString() {
            return code + " " + body.strip();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    HttpProbe(String base) {
        this.base = base;
    }

    /** The base URL {@code http://127.0.0.1:PORT} printed by {@code cattle replica --http} in {@code output}. */
    static String baseUrlIn(String output) {
        Matcher m = Pattern.compile("serving (http://[^ ]+) ").matcher(output);
        if (!m.find()) {
            fail("no 'serving http://...' line in:%n%s", output);
        }
        return m.group(1);
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** GETs {@code path} every 50 ms until an answer satisfies {@code condition}; fails after {@code seconds}. */
    /**
     * Asks {@code path} until the answer satisfies {@code condition}, without a bound of its own: for tests
     * whose JUnit {@code @Timeout} ends a server that never gets there.
     */
    Answer awaitUntil(String path, Predicate<Answer> condition) throws IOException, InterruptedException {
        Answer answer = get(path);
        while (!condition.test(answer)) {
            Thread.sleep(50);
            answer = get(path);
        }
        return answer;
    }

    Answer await(String path, Predicate<Answer> condition, String what, long seconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        return fail("%s: no answer from %s within %d s; last: %s", what, path, seconds, last);
    }
}
