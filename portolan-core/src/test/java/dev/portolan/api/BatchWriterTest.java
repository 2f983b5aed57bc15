package dev.portolan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    @Test
    void everyItemArrivesOnceInOrderInBatchesOfWhatWaited() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        BatchWriter<Integer> writer = new BatchWriter<>("test-writer", 100, 8, batch -> {
            awaitQuietly(release);
            batches.add(batch);
        });
        for (int i = 0; i < 50; i++) {
            writer.put(i);
        }
        release.countDown();
        assertThat(writer.finish(Duration.ofSeconds(10))).isTrue();

        List<Integer> all = new ArrayList<>();
        batches.forEach(all::addAll);
        assertThat(all).hasSize(50).isSorted().doesNotHaveDuplicates();
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 8));
        // the consumer was held on the first item: the other 49 waited and came in full batches
        assertThat(batches.size()).isLessThanOrEqualTo(1 + 7);
        assertThatThrownBy(() -> writer.put(51)).isInstanceOf(IllegalStateException.class)
                .hasMessage("writer already finished");
    }

    @Test
    void aFullQueueHoldsTheProducerBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BatchWriter<Integer> writer = new BatchWriter<>("test-writer", 4, 2, batch -> awaitQuietly(release));
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 20; i++) {
                writer.put(i);
            }
        });
        producer.join(300);
        assertThat(producer.isAlive()).as("producer waits for room").isTrue();
        release.countDown();
        producer.join(10_000);
        assertThat(producer.isAlive()).isFalse();
        assertThat(writer.finish(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aFailingConsumerIsRememberedAndTheWriterGoesOn() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        BatchWriter<Integer> writer = new BatchWriter<>("test-writer", 4, 1, batch -> {
            if (batch.getFirst() == 2) {
                throw new IllegalStateException("sink broke");
            }
            seen.addAll(batch);
        });
        for (int i = 0; i < 10; i++) {
            writer.put(i);
        }
        assertThat(writer.finish(Duration.ofSeconds(10))).isTrue();
        assertThat(writer.failure()).hasMessage("sink broke");
        assertThat(seen).containsExactly(0, 1, 3, 4, 5, 6, 7, 8, 9);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
