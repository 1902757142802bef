package org.katzen4j.pigeonhole.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.katzen4j.pigeonhole.PigeonholeException;

class ShardingTest {
    static List<byte[]> keys(int n, Random r) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] k = new byte[32];
            r.nextBytes(k);
            out.add(k);
        }
        return out;
    }

    @Test
    void intermediateReplicaRules() throws Exception {
        Random r = new Random(9);
        byte[] box = new byte[32];
        assertThatThrownBy(() -> Sharding.intermediateReplicas(box, keys(1, r), r)).isInstanceOf(PigeonholeException.class);
        assertThatThrownBy(() -> Sharding.intermediateReplicas(box, List.of(), r)).isInstanceOf(PigeonholeException.class);
        assertThat(Sharding.intermediateReplicas(box, keys(2, r), r)).containsExactly(0, 1);
        for (int trial = 0; trial < 200; trial++) {
            r.nextBytes(box);
            List<byte[]> three = keys(3, r);
            int[] shards3 = Sharding.shardIndexes(box, three);
            int[] i3 = Sharding.intermediateReplicas(box, three, r);
            assertThat(i3[0]).isEqualTo(shards3[0]);
            assertThat(i3[1]).isNotEqualTo(shards3[0]).isBetween(0, 2);
            int n = 4 + trial % 6;
            List<byte[]> many = keys(n, r);
            int[] shards = Sharding.shardIndexes(box, many);
            int[] im = Sharding.intermediateReplicas(box, many, r);
            assertThat(im[0]).isNotEqualTo(im[1]);
            assertThat(Set.of(im[0], im[1])).doesNotContain(shards[0], shards[1]);
            assertThat(im[0]).isBetween(0, n - 1);
            assertThat(im[1]).isBetween(0, n - 1);
        }
    }

    @Test
    void courierDiscovery() {
        byte[] id1 = new byte[32];
        byte[] id2 = new byte[32];
        id2[0] = 1;
        CourierDiscovery.ServiceNode courier = node(id1, Map.of("courier", Map.of("endpoint", "courier")));
        CourierDiscovery.ServiceNode echo = node(id2, Map.of("echo", Map.of("endpoint", "+echo")));
        List<CourierDiscovery.Destination> found = CourierDiscovery.couriers(List.of(echo, courier));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).identityHash()).isEqualTo(Sharding.blake2b256(id1));
        assertThat(new String(found.get(0).queueId())).isEqualTo("courier");
        assertThat(CourierDiscovery.randomCourier(List.of(echo), new Random(1))).isEmpty();
        assertThat(CourierDiscovery.randomCourier(List.of(echo, courier), new Random(1))).isPresent();
    }

    static CourierDiscovery.ServiceNode node(byte[] id, Map<String, Map<String, Object>> k) {
        return new CourierDiscovery.ServiceNode() {
            @Override
            public byte[] identityKey() {
                return id;
            }

            @Override
            public Map<String, Map<String, Object>> kaetzchen() {
                return k;
            }
        };
    }
}
