package dev.engram.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The list of pinned assets shipped as the classpath resource {@value #RESOURCE}. */
public final class PinnedAssets {
    public static final String RESOURCE = "/dev/engram/assets/pinned-assets.json";
    public static final String DEEPSEEK_V3_TOKENIZER = "deepseek-v3-tokenizer";
    public static final String SOTU = "sotu";
    public static final String EUROPARL = "europarl";
    public static final String CHINESE_POETRY = "chinese-poetry";

    private PinnedAssets() {
    }

    public static List<PinnedAsset> all() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = PinnedAssets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("pinned asset list " + RESOURCE + " is missing from the classpath");
            }
            List<PinnedAsset> assets = new ArrayList<>();
            for (JsonNode node : json.readTree(in).get("assets")) {
                assets.add(new PinnedAsset(
                        node.get("name").asText(),
                        node.get("description").asText(),
                        node.get("registry").asText(),
                        node.get("package").asText(),
                        node.get("version").asText(),
                        node.get("archiveSha256").asText(),
                        readList(json, node.get("files"), PinnedAsset.FileEntry.class),
                        readList(json, node.get("directories"), PinnedAsset.DirectoryEntry.class)));
            }
            return assets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pinned asset list " + RESOURCE, e);
        }
    }

    public static PinnedAsset named(String name) {
        return all().stream()
                .filter(asset -> asset.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown asset '" + name + "'; known assets: "
                        + all().stream().map(PinnedAsset::name).toList()));
    }

    private static <T> List<T> readList(ObjectMapper json, JsonNode node, Class<T> type) throws IOException {
        List<T> items = new ArrayList<>();
        if (node != null) {
            for (JsonNode item : node) {
                items.add(json.treeToValue(item, type));
            }
        }
        return items;
    }
}
