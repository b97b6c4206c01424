package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ethercattle.log.file.Entries.indexes;
import static org.ethercattle.log.file.Entries.names;
import static org.ethercattle.log.file.Entries.poll;
import static org.ethercattle.log.file.Entries.texts;
import static org.ethercattle.log.file.Entries.utf8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.tck.ChildJvm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several producers and a tailing consumer on one directory: threads of this JVM and a second JVM. */
class FileLogMultiProcessTest {

    @TempDir
    Path dir;

    private String spec() {
        return "file:" + dir + "?fsync=never&segmentBytes=4k";
    }

    @Test
    @DisplayName("a consumer started on an empty log sees entries appended afterwards, across segment rolls")
    void consumerTailsAGrowingLog() throws Exception {
        int count = 3000;
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            assertThat(consumer.poll(Duration.ofMillis(20))).isEmpty();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> appending = writer.submit(() -> {
                    try (LogProducer producer = Logs.openProducer(spec())) {
                        Entries.append(producer, "t", 0, count);
                    }
                });
                List<LogEntry> read = poll(consumer, count);
                appending.get(1, TimeUnit.MINUTES);
                assertThat(texts(read)).containsExactlyElementsOf(names("t", 0, count));
                assertThat(indexes(read)).containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
            } finally {
                writer.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("two producers in one JVM appending at once: dense indexes, each producer's order kept")
    void twoProducersInOneJvm() throws Exception {
        int perProducer = 1500;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (LogProducer a = Logs.openProducer(spec()); LogProducer b = Logs.openProducer(spec())) {
            Future<?> fa = threads.submit(() -> Entries.append(a, "A", 0, perProducer));
            Future<?> fb = threads.submit(() -> Entries.append(b, "B", 0, perProducer));
            fa.get(1, TimeUnit.MINUTES);
            fb.get(1, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }
        checkAll(List.of("A", "B"), List.of(perProducer, perProducer));
    }

    @Test
    @DisplayName("a second process appends while this one appends and tails: all entries, dense, each producer's order kept")
    void secondProcessAppendsConcurrently() throws Exception {
        int childCount = 4000;
        Path output = dir.resolveSibling(dir.getFileName() + "-child.out");
        Process child = ChildJvm.running(AppendingProcess.class)
                .withArguments(spec(), "child-", Integer.toString(childCount))
                .processBuilder().redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int parentCount = 0;
        List<LogEntry> tailed = new ArrayList<>();
        try (LogProducer producer = Logs.openProducer(spec()); LogConsumer consumer = Logs.openConsumer(spec())) {
            // Keep appending (and tailing) for as long as the child runs, so the two really overlap.
            while (child.isAlive() || parentCount < 500) {
                producer.append(utf8("parent-" + parentCount++)).join();
                if (parentCount % 50 == 0) {
                    tailed.addAll(consumer.poll(Duration.ZERO));
                }
                if (parentCount > 200_000) {
                    break;
                }
            }
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("child exited").isTrue();
            assertThat(child.exitValue()).as("child exit code; its output: %s", Files.readString(output)).isZero();
            tailed.addAll(poll(consumer, parentCount + childCount - tailed.size()));
        } finally {
            child.destroyForcibly();
        }
        assertThat(indexes(tailed)).containsExactlyElementsOf(
                LongStream.range(0, parentCount + childCount).boxed().toList());
        checkAll(List.of("parent-", "child-"), List.of(parentCount, childCount));
        long switches = 0;
        for (int i = 1; i < tailed.size(); i++) {
            if (Entries.text(tailed.get(i)).charAt(0) != Entries.text(tailed.get(i - 1)).charAt(0)) {
                switches++;
            }
        }
        // Not asserted (it depends on scheduling); printed so a run shows the processes did overlap.
        System.out.println("parent appended " + parentCount + ", child " + childCount + "; the log switches between"
                + " them " + switches + " times");
    }

    @Test
    @DisplayName("a producer process killed mid-stream leaves the log whole: its entries are a prefix, others append on")
    void killedProducerProcessLeavesTheLogWhole() throws Exception {
        Path output = dir.resolveSibling(dir.getFileName() + "-killed.out");
        Process child = ChildJvm.running(AppendingProcess.class).withArguments(spec(), "child-", "100000000")
                .processBuilder().redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int parentCount = 0;
        try (LogProducer producer = Logs.openProducer(spec()); LogConsumer consumer = Logs.openConsumer(spec())) {
            long childSeen = 0;
            List<LogEntry> read = new ArrayList<>();
            while (childSeen < 2000) {
                assertThat(child.isAlive()).as("child still appending; its output: %s", Files.readString(output)).isTrue();
                producer.append(utf8("parent-" + parentCount++)).join();
                List<LogEntry> batch = consumer.poll(Duration.ofMillis(1));
                read.addAll(batch);
                childSeen += batch.stream().filter(e -> Entries.text(e).startsWith("child-")).count();
                assertThat(read.size()).as("entries read before the child got going").isLessThan(10_000_000);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            // The dead process's lock is gone with it: appends go on.
            for (int i = 0; i < 100; i++) {
                producer.append(utf8("parent-" + parentCount++)).join();
            }
        } finally {
            child.destroyForcibly();
        }
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            List<LogEntry> all = new ArrayList<>();
            List<LogEntry> batch;
            while (!(batch = consumer.poll(Duration.ofMillis(200))).isEmpty()) {
                all.addAll(batch);
            }
            assertThat(indexes(all)).containsExactlyElementsOf(LongStream.range(0, all.size()).boxed().toList());
            List<String> texts = texts(all);
            List<String> childEntries = texts.stream().filter(s -> s.startsWith("child-")).toList();
            assertThat(childEntries.size()).isGreaterThanOrEqualTo(2000);
            assertThat(childEntries).containsExactlyElementsOf(names("child-", 0, childEntries.size()));
            assertThat(texts.stream().filter(s -> s.startsWith("parent-")).toList())
                    .containsExactlyElementsOf(names("parent-", 0, parentCount));
        }
    }

    /** Reads the whole log and checks density and, per tag, the producer's order. */
    private void checkAll(List<String> tags, List<Integer> counts) {
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            List<LogEntry> read = poll(consumer, total);
            assertThat(consumer.poll(Duration.ofMillis(50))).isEmpty();
            assertThat(indexes(read)).containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
            List<String> texts = texts(read);
            for (int t = 0; t < tags.size(); t++) {
                String tag = tags.get(t);
                assertThat(texts.stream().filter(s -> s.startsWith(tag)).toList())
                        .containsExactlyElementsOf(names(tag, 0, counts.get(t)));
            }
        }
    }
}
