package org.katzen4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JMH benchmarks of this module timed by the running thread's own CPU time, which other
 * processes on a shared machine disturb far less than wall time (the Go side: {@code oracle run
 * bench-cpu}). Each operation is warmed up (until the thread has had the warm-up time in CPU, at most
 * twice that in wall time), then measured in five slices bounded in wall time;
 * the median slice's CPU time per operation is reported. Output: one JSON line per benchmark, named like the JMH benchmark.
 *
 * <p>Usage: {@code CpuTime [warmupMillis] [measureMillis] [nameRegex]} (the regex, searched in the
 * benchmark names, picks a subset: {@code CpuTime 1000 1000 wire|pki})
 */
public final class CpuTime {
    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        long warm = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        long measure = args.length > 1 ? Long.parseLong(args[1]) : 1500;
        OpsBench o = new OpsBench();
        o.setup();
        SphinxOpsBench s = new SphinxOpsBench();
        s.setup();
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("SphinxOpsBench.newPacket", s::newPacket);
        ops.put("SphinxOpsBench.newSurb", s::newSurb);
        ops.put("SphinxOpsBench.decryptSurbPayload", s::decryptSurbPayload);
        ops.put("SphinxOpsBench.unwrapOneHop", s::unwrapOneHop);
        ops.put("OpsBench.wireEncryptDecrypt", o::wireEncryptDecrypt);
        ops.put("OpsBench.pkiVerify", o::pkiVerify);
        ops.put("OpsBench.bacapEncryptSign", o::bacapEncryptSign);
        ops.put("OpsBench.bacapVerifyDecrypt", o::bacapVerifyDecrypt);
        ops.put("OpsBench.mkemX25519Encapsulate", o::mkemX25519Encapsulate);
        ops.put("OpsBench.mkemX25519Decapsulate", o::mkemX25519Decapsulate);
        ops.put("OpsBench.thinResponseDecodeEncode", o::thinResponseDecodeEncode);
        for (String shape : new String[] {"2:2000", "5:2000", "8:2000", "5:8000", "5:32000"}) {
            SphinxOpsBench.Growth g = new SphinxOpsBench.Growth();
            g.shape = shape;
            g.setup();
            ops.put("SphinxOpsBench.newPacketGrowth#" + shape, () -> s.newPacketGrowth(g));
        }
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        java.util.regex.Pattern only = args.length > 2 ? java.util.regex.Pattern.compile(args[2]) : null;
        for (Map.Entry<String, Op> e : ops.entrySet()) {
            if (only != null && !only.matcher(e.getKey()).find()) {
                continue;
            }
            Op op = e.getValue();
            // warm-up: until this thread has had `warm` ms of CPU (so that on a loaded machine the
            // JIT still sees enough calls), but at most 2x that in wall time; slices are bounded in
            // wall time (so load cannot stretch the run); what is recorded is the thread's CPU time
            // per operation within each slice
            long w0 = System.nanoTime();
            long c0 = tm.getCurrentThreadCpuTime();
            while (tm.getCurrentThreadCpuTime() - c0 < warm * 1_000_000L
                    && System.nanoTime() - w0 < 2 * warm * 1_000_000L) {
                sink = op.run();
            }
            List<Double> slices = new ArrayList<>();
            long sliceNs = measure * 1_000_000L / 5;
            for (int k = 0; k < 5; k++) {
                long s0 = System.nanoTime();
                long t0 = tm.getCurrentThreadCpuTime();
                long n = 0;
                do {
                    sink = op.run();
                    n++;
                } while (System.nanoTime() - s0 < sliceNs);
                slices.add((double) (tm.getCurrentThreadCpuTime() - t0) / n);
            }
            double[] v = slices.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("{\"name\":\"%s\",\"cpu_ns_per_op\":%.1f,\"min\":%.1f,\"max\":%.1f}%n",
                    e.getKey(), v[v.length / 2], v[0], v[v.length - 1]);
        }
    }
}
