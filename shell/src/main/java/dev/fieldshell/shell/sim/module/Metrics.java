package dev.fieldshell.shell.sim.module;

import java.util.Map;
import java.util.TreeMap;

/** The module's metrics ({@code OvmsMetrics}): name to value with unit, a small standard set. */
public final class Metrics {

    /** A metric value as {@code metrics list} shows it; {@code value} empty when undefined. */
    public record Metric(String name, String value, String unit) {
        public String display() {
            return value.isEmpty() ? "" : value + unit;
        }
    }

    private final Map<String, Metric> metrics = new TreeMap<>();

    public Metrics(String firmware, String hardware) {
        put("m.version", firmware, "");
        put("m.hardware", hardware, "");
        put("m.freeram", "3497172", "");
        put("m.tasks", "18", "");
        put("m.net.type", "wifi", "");
        put("m.net.provider", "simnet", "");
        put("m.net.sq", "-62", "dBm");
        put("m.serial", "", "");
        put("s.v2.connected", "no", "");
        put("s.v3.connected", "no", "");
        put("v.b.12v.voltage", "13.37", "V");
        put("v.b.soc", "81", "%");
        put("v.b.range.est", "212", "km");
        put("v.c.charging", "no", "");
        put("v.e.on", "no", "");
        put("v.p.odometer", "48213.4", "km");
        put("v.type", "", "");
    }

    private void put(String name, String value, String unit) {
        metrics.put(name, new Metric(name, value, unit));
    }

    public synchronized Map<String, Metric> all() {
        return new TreeMap<>(metrics);
    }

    public synchronized Metric get(String name) {
        return metrics.get(name);
    }

    /** Sets a known metric; returns false for unknown names. */
    public synchronized boolean set(String name, String value) {
        Metric m = metrics.get(name);
        if (m == null) {
            return false;
        }
        metrics.put(name, new Metric(name, value, m.unit()));
        return true;
    }
}
