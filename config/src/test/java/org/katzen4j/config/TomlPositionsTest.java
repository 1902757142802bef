package org.katzen4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TomlPositionsTest {

    private static String at(TomlPositions p, String path) {
        TomlPositions.Pos pos = p.exact(path);
        return pos == null ? null : pos.line() + ":" + pos.column();
    }

    @Test
    void tablesArraysOfTablesAndKeys() {
        String t = """
                a = 1
                [t]
                  b = "x" # comment with [fake] = 1
                [[arr]]
                  c = 1
                [[arr]]
                  c = 2
                  [arr.sub]
                    d = 3
                  [[arr.list]]
                    e = 4
                [[arr]]
                  [[arr.list]]
                    e = 5
                """;
        TomlPositions p = TomlPositions.scan(t);
        assertThat(at(p, "a")).isEqualTo("1:1");
        assertThat(at(p, "t")).isEqualTo("2:1");
        assertThat(at(p, "t.b")).isEqualTo("3:3");
        assertThat(at(p, "arr")).isEqualTo("4:1");
        assertThat(at(p, "arr[0].c")).isEqualTo("5:3");
        assertThat(at(p, "arr[1]")).isEqualTo("6:1");
        assertThat(at(p, "arr[1].c")).isEqualTo("7:3");
        assertThat(at(p, "arr[1].sub.d")).isEqualTo("9:5");
        assertThat(at(p, "arr[1].list[0].e")).isEqualTo("11:5");
        assertThat(at(p, "arr[2].list[0].e")).isEqualTo("14:5");
        assertThat(at(p, "fake")).isNull();
        // A missing key is found at its nearest recorded ancestor.
        assertThat(p.find("arr[1].sub.missing")).isEqualTo(p.exact("arr[1].sub"));
        assertThat(p.find("nothing.here")).isNull();
    }

    @Test
    void stringsThatLookLikeSyntaxAreSkipped() {
        String t = "s = \"\"\"\nx = 1\n[not.a.table]\n\\\"\"\" \"\"\"\"\"\n"
                + "l = '''\n[[nope]]\n'''\n"
                + "e = \"esc \\\" [x] = 2\"\n"
                + "after = true\n";
        TomlPositions p = TomlPositions.scan(t);
        assertThat(at(p, "s")).isEqualTo("1:1");
        assertThat(at(p, "l")).isEqualTo("5:1");
        assertThat(at(p, "e")).isEqualTo("8:1");
        assertThat(at(p, "after")).isEqualTo("9:1");
        assertThat(at(p, "x")).isNull();
        assertThat(at(p, "not")).isNull();
        assertThat(at(p, "nope")).isNull();
    }

    @Test
    void quotedDottedAndInlineKeys() {
        String t = """
                "quoted key" = 1
                'lit.eral' = 2
                dotted . key = 3
                inline = { x = 1, y = { z = "}" } }
                list = [
                  { n = 1 },   # comment
                  { n = 2 },
                ]
                plain = [1, 2,
                  3]
                next = 0
                """;
        TomlPositions p = TomlPositions.scan(t);
        assertThat(at(p, "quoted key")).isEqualTo("1:1");
        assertThat(at(p, "lit.eral")).isEqualTo("2:1");
        assertThat(at(p, "dotted.key")).isEqualTo("3:1");
        assertThat(at(p, "inline.x")).isEqualTo("4:12");
        assertThat(at(p, "inline.y.z")).isEqualTo("4:25");
        assertThat(at(p, "list[0].n")).isEqualTo("6:5");
        assertThat(at(p, "list[1].n")).isEqualTo("7:5");
        assertThat(at(p, "plain[2]")).isEqualTo("10:3");
        assertThat(at(p, "next")).isEqualTo("11:1");
    }
}
