package org.katzen4j.wire.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.geo.Geometry;

class CommandGeometryTest {
    @Test
    void genconfigDefaultGeometryGivesTheSpecSizes() {
        CommandGeometry g = CommandGeometry.of(Geometry.nike("x25519", 2000, 5));
        assertThat(g.packetLength()).isEqualTo(3082);
        assertThat(g.maxClientToGateway()).isEqualTo(3088);
        assertThat(g.maxGatewayToClient()).isEqualTo(3109);
        // all three Message-family bodies have the same length with a SURB-carrying geometry
        assertThat(g.messageBodyLength()).isEqualTo(g.ackBodyLength()).isEqualTo(2628 - 6 + 6);
        assertThat(CommandCodec.padded(g).maxCommandLength()).isEqualTo(6 + 9 + 3109);
    }
}
