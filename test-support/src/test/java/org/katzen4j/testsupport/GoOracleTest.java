package org.katzen4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoOracleTest {
    @Test
    void listOutputMatchesTheNameColumnExactly() {
        String list = """
                vectors  crypto/kem  -> crypto/src/test/resources/vectors/kem.json
                verify   pki/certificate
                run      sphinx-surb-reply
                """;
        assertThat(GoOracle.lists(list, "pki/certificate")).isTrue();
        assertThat(GoOracle.lists(list, "sphinx-surb-reply")).isTrue();
        assertThat(GoOracle.lists(list, "crypto/kem")).isTrue();
        assertThat(GoOracle.lists(list, "pki/cert")).isFalse();
        assertThat(GoOracle.lists(list, "verify")).isFalse();
        assertThat(GoOracle.lists(list, "crypto/src/test/resources/vectors/kem.json")).isFalse();
    }

    @Test
    void goVersionConstraintsPickOneFileOfAPair() {
        assertThat(GoOracle.versionAllows("go1.26", "go1.26.8")).isTrue();
        assertThat(GoOracle.versionAllows("!go1.26", "go1.26.8")).isFalse();
        assertThat(GoOracle.versionAllows("go1.26", "go1.25.3")).isFalse();
        assertThat(GoOracle.versionAllows("!go1.26", "go1.25.3")).isTrue();
        assertThat(GoOracle.versionAllows("go1.26", "go1.30")).isTrue();
        // constraints it does not evaluate leave the file in
        assertThat(GoOracle.versionAllows("linux && cgo", "go1.26.8")).isTrue();
    }

    @Test
    void sourcesAreTheFrameAndTheAreaFilesTheGoVersionAdmits(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"main.go", "registry.go", "gen.go", "benchtime.go", "pki_docs.go",
                "pki_hybrid.go", "zz_area_test.go", "wire_peer.go", "zz_area_new.go", "zz_area_old.go",
                "zz_area_notes.txt"}) {
            Files.writeString(dir.resolve(f), "package main\n");
        }
        Files.writeString(dir.resolve("zz_area_new.go"), "//go:build go1.26\n\npackage main\n");
        Files.writeString(dir.resolve("zz_area_old.go"), "//go:build !go1.26\n\npackage main\n");

        assertThat(GoOracle.forArea("zz_area").sourceFiles(dir, "go1.26.1")).containsExactly(
                "main.go", "registry.go", "gen.go", "benchtime.go", "zz_area_new.go");
        assertThat(GoOracle.forArea("zz_area").sourceFiles(dir, "go1.24.0")).containsExactly(
                "main.go", "registry.go", "gen.go", "benchtime.go", "zz_area_old.go");
        assertThat(GoOracle.forArea("zz_pki", "pki_docs").sourceFiles(dir, "go1.26.1")).containsExactly(
                "main.go", "registry.go", "gen.go", "benchtime.go", "pki_docs.go");
    }

    @Test
    void anAreaKeepsItsFileSelection() {
        assertThat(GoOracle.forArea("zz_same")).isSameAs(GoOracle.forArea("zz_same"));
        assertThatThrownBy(() -> GoOracle.forArea("zz_same", "other_"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repoRootHoldsTheOracleSources() {
        assertThat(GoOracle.repoRoot().resolve("interop/oracle/registry.go")).exists();
    }
}
