package org.katzen4j.config;

import java.net.URISyntaxException;
import java.nio.file.Path;

final class Resources {
    private Resources() {
    }

    /** A genconfig-written file under src/test/resources/genconfig/&lt;variant&gt;/. */
    static Path genconfig(String variant, String file) {
        try {
            return Path.of(Resources.class.getResource("/genconfig/" + variant + "/" + file).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource genconfig/" + variant + "/" + file, e);
        }
    }

    static final String[] VARIANTS = {"local-3hop", "docker-5hop", "kem-xwing-2gw", "mlkem-x448-decoys"};
}
