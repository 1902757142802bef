package org.katzen4j.pki;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parses Go {@code time.ParseDuration} syntax ("2m", "90s", "1h30m", "1.5m", "300ms", "-1s"),
 * used for {@code KATZENPOST_EPOCH_DURATION}. Units: ns, us, µs, μs, ms, s, m, h.
 */
public final class GoDuration {
    private GoDuration() {
    }

    public static Duration parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == s.length()) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\"");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (i < s.length()) {
            int numStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String num = s.substring(numStart, i);
            if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\"");
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "" -> throw new IllegalArgumentException("missing unit in duration \"" + s + "\"");
                default -> throw new IllegalArgumentException("unknown unit in duration \"" + s + "\"");
            };
            nanos = nanos.add(new BigDecimal(num).multiply(BigDecimal.valueOf(unit)));
        }
        BigDecimal whole = nanos.setScale(0, java.math.RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\" (overflow)");
        }
        long n = whole.longValueExact();
        return Duration.ofNanos(negative ? -n : n);
    }
}
