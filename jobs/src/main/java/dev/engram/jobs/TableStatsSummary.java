package dev.engram.jobs;

import dev.engram.schema.CoveragePoint;
import dev.engram.schema.ShardStats;
import dev.engram.schema.TableStats;
import java.util.List;
import java.util.Locale;

/**
 * Formats {@link TableStats} as a table for people: one line per (layer, order) with the heads' mean
 * fill and collision rate, the largest bucket load over the heads, the share of positions colliding in
 * every head, and the heads' mean hot-row coverage. Per-head figures are in stats.json.
 */
public final class TableStatsSummary {
    private TableStatsSummary() {
    }

    public static String format(TableStats stats) {
        StringBuilder out = new StringBuilder();
        out.append("table ").append(stats.table()).append('\n');
        out.append(String.format(Locale.ROOT, "%5s %5s %5s %8s %9s %8s %10s %8s %8s %8s%n", "layer", "order", "heads",
                "fill", "collide", "maxLoad", "allHeads", "top0.1%", "top1%", "top10%"));
        for (ShardStats first : stats.shards()) {
            if (first.head() != 0) {
                continue;
            }
            List<ShardStats> heads = stats.shards().stream()
                    .filter(s -> s.layerId() == first.layerId() && s.order() == first.order()).toList();
            double fill = heads.stream().mapToDouble(ShardStats::fillRatio).average().orElse(0);
            double collide = heads.stream().mapToDouble(ShardStats::collisionRate).average().orElse(0);
            long maxLoad = heads.stream().mapToLong(ShardStats::maxDistinct).max().orElse(0);
            String allHeads = stats.orders().stream()
                    .filter(o -> o.layerId() == first.layerId() && o.order() == first.order())
                    .map(o -> percent(o.collidingInEveryHeadShare())).findFirst().orElse("n/a");
            out.append(String.format(Locale.ROOT, "%5d %5d %5d %8s %9s %8d %10s %8s %8s %8s%n", first.layerId(),
                    first.order(), heads.size(), percent(fill), percent(collide), maxLoad, allHeads,
                    percent(meanCoverage(heads, 0)), percent(meanCoverage(heads, 1)), percent(meanCoverage(heads, 2))));
        }
        out.append("all rows: ");
        for (CoveragePoint point : stats.coverage()) {
            out.append(String.format(Locale.ROOT, "top %s of rows serve %s of lookups; ",
                    percent(point.rowShare()), percent(point.lookupShare())));
        }
        out.setLength(out.length() - 2);
        out.append('\n');
        if (stats.orders().isEmpty()) {
            out.append("allHeads: n/a because the n-gram input listed in the manifest is gone\n");
        }
        return out.toString();
    }

    private static double meanCoverage(List<ShardStats> heads, int point) {
        return heads.stream().mapToDouble(s -> s.coverage().get(point).lookupShare()).average().orElse(0);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }
}
