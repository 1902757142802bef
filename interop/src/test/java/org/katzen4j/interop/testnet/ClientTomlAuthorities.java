package org.katzen4j.interop.testnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code [[VotingAuthority.Peers]]} tables of a genconfig-written client.toml.
 *
 * <p>Only the shape genconfig writes is supported (one {@code key = "basic string"} per line,
 * {@code Addresses} as an inline array); that keeps the test fixture free of a TOML library.
 */
final class ClientTomlAuthorities {

  private static final String PEER_HEADER = "[[VotingAuthority.Peers]]";
  private static final Pattern STRING_KEY =
      Pattern.compile("^\\s*(\\w+)\\s*=\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*$", Pattern.MULTILINE);
  private static final Pattern ADDRESSES =
      Pattern.compile("^\\s*Addresses\\s*=\\s*\\[([^\\]]*)\\]\\s*$", Pattern.MULTILINE);
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)*+)\"");

  private ClientTomlAuthorities() {}

  static List<DirectoryAuthority> read(Path clientToml) throws IOException {
    String text = Files.readString(clientToml, StandardCharsets.UTF_8);
    List<DirectoryAuthority> out = new ArrayList<>();
    int at = text.indexOf(PEER_HEADER);
    while (at >= 0) {
      int next = text.indexOf(PEER_HEADER, at + PEER_HEADER.length());
      int tableEnd = next >= 0 ? next : endOfTable(text, at + PEER_HEADER.length());
      out.add(parsePeer(text.substring(at + PEER_HEADER.length(), tableEnd)));
      at = next;
    }
    if (out.isEmpty()) {
      throw new IOException("no [[VotingAuthority.Peers]] in " + clientToml);
    }
    return List.copyOf(out);
  }

  private static int endOfTable(String text, int from) {
    Matcher m = Pattern.compile("^\\s*\\[", Pattern.MULTILINE).matcher(text);
    return m.find(from) ? m.start() : text.length();
  }

  private static DirectoryAuthority parsePeer(String table) throws IOException {
    String id = null;
    String identity = null;
    String link = null;
    Matcher m = STRING_KEY.matcher(table);
    while (m.find()) {
      String value = unescape(m.group(2));
      switch (m.group(1)) {
        case "Identifier" -> id = value;
        case "IdentityPublicKey" -> identity = value;
        case "LinkPublicKey" -> link = value;
        default -> { }
      }
    }
    List<String> addresses = new ArrayList<>();
    Matcher a = ADDRESSES.matcher(table);
    if (a.find()) {
      Matcher q = QUOTED.matcher(a.group(1));
      while (q.find()) {
        addresses.add(unescape(q.group(1)));
      }
    }
    if (id == null || identity == null || link == null || addresses.isEmpty()) {
      throw new IOException("incomplete [[VotingAuthority.Peers]] table: " + table.strip());
    }
    return new DirectoryAuthority(id, identity, link, addresses);
  }

  /** TOML basic-string escapes that genconfig emits ({@code \n}, {@code \"}, {@code \\}). */
  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case '"' -> b.append('"');
        case '\\' -> b.append('\\');
        default -> b.append('\\').append(e);
      }
    }
    return b.toString();
  }
}
