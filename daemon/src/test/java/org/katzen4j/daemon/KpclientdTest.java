package org.katzen4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class KpclientdTest {
    @TempDir
    Path dir;

    record Run(int rc, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = new CommandLine(new Kpclientd()).execute(args);
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpAndVersion() {
        Run h = run("--help");
        assertThat(h.rc()).isZero();
        assertThat(h.out()).contains("-c, --config=FILE").contains("--check-config=FILE");
        Run v = run("--version");
        assertThat(v.rc()).isZero();
        assertThat(v.out()).contains("kpclientd (katzen4j)").contains("v0.0.71");
    }

    @Test
    void missingOrUnreadableConfigExitsNonZeroWithOneLine() {
        Run none = run();
        assertThat(none.rc()).isEqualTo(2);
        assertThat(none.err().strip()).contains("--config").doesNotContain("\n");
        Run missing = run("-c", dir.resolve("nope.toml").toString());
        assertThat(missing.rc()).isEqualTo(1);
        assertThat(missing.err().strip()).endsWith("no such file").doesNotContain("\n");
    }

    @Test
    void badConfigNamesFileLineAndKey() throws Exception {
        Path f = dir.resolve("client.toml");
        Files.writeString(f, "ListenNetwork = \"tcp\"\nListenAddress = \"127.0.0.1:1\"\nWireKEMScheme = 7\n");
        Run r = run("-c", f.toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("kpclientd: bad configuration: " + f).doesNotContain("\n");
        Run check = run("--check-config", f.toString());
        assertThat(check.rc()).isEqualTo(1);
        assertThat(check.out()).contains("error: " + f + ":3:").contains("WireKEMScheme");
    }
}
