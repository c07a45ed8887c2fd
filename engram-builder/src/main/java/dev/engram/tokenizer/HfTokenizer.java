package dev.engram.tokenizer;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face {@code tokenizer.json}, loaded from a local file and run by the Rust {@code tokenizers}
 * library through DJL ({@code ai.djl.huggingface:tokenizers} 0.38.0, which bundles tokenizers 0.21.0).
 * The DeepSeek-V3 tests check its ids against ids from tokenizers 0.23.2.
 *
 * <p>{@link #encode} returns what the Rust {@code Tokenizer::encode(text, add_special_tokens=true)}
 * returns: the file's normalizer, pre-tokenizer, model and post-processor all apply, so special tokens
 * are added exactly when the file's post-processor adds them. Truncation and padding are always off, even
 * when the file configures them, because the pipeline needs every token of whole documents.
 *
 * <p>Instances are thread-safe. Encoding and decoding only read the native tokenizer, so any number of
 * threads may call them at once; {@link #close} waits for calls in flight and later calls fail with
 * {@link IllegalStateException}.
 *
 * <p>Loading makes no network request. The class switches DJL to offline mode before first use, and DJL then
 * extracts the CPU native library bundled in its jar into {@code ~/.djl.ai/tokenizers} (or
 * {@code ENGINE_CACHE_DIR}, {@code DJL_CACHE_DIR}, or the temporary folder when the home folder is not
 * writable). While looking for a CUDA runtime, DJL's JNA dependency runs {@code /sbin/ldconfig -p} once.
 */
public final class HfTokenizer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HfTokenizer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        keepDjlOffline();
    }

    private final Path path;
    private final String sha256;
    private final String[] tokenStrings;
    private final HuggingFaceTokenizer tokenizer;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private HfTokenizer(Path path, String sha256, String[] tokenStrings, HuggingFaceTokenizer tokenizer) {
        this.path = path;
        this.sha256 = sha256;
        this.tokenStrings = tokenStrings;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads a {@code tokenizer.json} file. Only a local path is accepted, never a Hugging Face hub name.
     *
     * @throws NoSuchFileException      if the file does not exist
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the path is a folder or the file is not a valid tokenizer.json
     * @throws IllegalStateException    if the native tokenizers library fails to load
     */
    public static HfTokenizer load(Path tokenizerJson) throws IOException {
        Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        long start = System.nanoTime();
        Path file = tokenizerJson.toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "tokenizer.json not found");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("expected a tokenizer.json file, got the folder " + file);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("failed to read tokenizer file " + file + ": " + e.getMessage(), e);
        }

        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a valid Hugging Face tokenizer.json: " + file
                    + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a valid Hugging Face tokenizer.json: " + file
                    + ": expected a JSON object");
        }
        String[] tokenStrings = TokenStrings.read(root, file);
        warnAboutIgnoredSettings(root, file);

        HuggingFaceTokenizer tokenizer = createNative(bytes, file);
        HfTokenizer loaded = new HfTokenizer(file, sha256Hex(bytes), tokenStrings, tokenizer);
        LOG.info("Loaded tokenizer {}: {} ids in {} s", file, tokenStrings.length,
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return loaded;
    }

    /**
     * Encodes text into token ids without truncation or padding.
     *
     * @throws IllegalArgumentException if the text contains an unpaired surrogate, which has no UTF-8
     *                                  form; DJL would silently pass U+FFFD to the Rust library instead
     */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        checkWellFormed(text);
        long[] ids;
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            // Limitation: DJL's JNI layer turns the handle into a Rust `&mut Tokenizer` on every call, even
            // though encode and decode only use `&self` methods of the Sync Tokenizer. Concurrent calls rely on
            // that, which the eight-thread golden test exercises but cannot prove.
            ids = encodeNative(text);
        } finally {
            lifecycle.readLock().unlock();
        }
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = (int) ids[i];
        }
        return result;
    }

    /**
     * Calls DJL's JNI binding directly, because {@code HuggingFaceTokenizer.encode} also copies tokens, type
     * ids, word ids, masks and character spans into Java objects on every call. Skipping those copies made a
     * 48 KB English text encode 25 to 27% faster in repeated timing loops on one thread of a 2-core x86-64
     * VM (for example 2.75 against 2.19 MB/s).
     *
     * <p>Limitation: {@code TokenizersLibrary} is DJL's JNI layer rather than its documented API, so a DJL
     * upgrade may change these calls. The golden tokenization tests would catch a changed result.
     */
    private long[] encodeNative(String text) {
        long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, true);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /**
     * Decodes ids into text with the file's decoder, keeping special tokens (Hugging Face's
     * {@code skip_special_tokens=False}).
     *
     * @throws IllegalArgumentException if an id is outside {@code [0, vocabSize())}
     */
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            checkId(ids[i], "ids[" + i + "]");
            wide[i] = ids[i];
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return tokenizer.decode(wide, false);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Decodes one id on its own, keeping special tokens. Byte-level tokens that hold only part of a UTF-8
     * sequence decode to text containing U+FFFD.
     */
    public String decodeSingle(int id) {
        return decode(new int[] {id});
    }

    /** Returns the number of ids, added tokens included: the highest id in the file plus one (128,815 for DeepSeek-V3). */
    public int vocabSize() {
        return tokenStrings.length;
    }

    /**
     * Returns the raw token of an id as the file spells it: the model vocabulary entry (for byte-level
     * BPE, for example {@code "Ġthe"}) or the added token's content, which wins when both exist.
     *
     * @throws IllegalArgumentException if the id is out of range or no token uses it
     */
    public String tokenString(int id) {
        checkId(id, "id");
        String token = tokenStrings[id];
        if (token == null) {
            throw new IllegalArgumentException("no token in " + path + " has id " + id);
        }
        return token;
    }

    /** Returns the absolute, normalized path the tokenizer was loaded from. */
    public Path path() {
        return path;
    }

    /** Returns the lowercase hex SHA-256 of the tokenizer.json bytes that were loaded. */
    public String sha256() {
        return sha256;
    }

    /** Frees the native tokenizer once calls in flight finish. Closing twice does nothing. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "HfTokenizer[" + path + ", " + tokenStrings.length + " ids, sha256 " + sha256 + "]";
    }

    /**
     * Sets the DJL offline switches unless the environment or the JVM already sets them. Without them, DJL
     * 0.38's {@code Ec2Utils.callHome} queries the EC2 instance metadata address 169.254.169.254 and sends a
     * telemetry request to Amazon S3 when a tokenizer is created (at most once a day per JVM). On a machine
     * with CUDA, DJL's {@code LibUtils} would also download a GPU build of the native library.
     */
    static void keepDjlOffline() {
        setPropertyIfUnset("ai.djl.offline", "DJL_OFFLINE");
        setPropertyIfUnset("OPT_OUT_TRACKING", "OPT_OUT_TRACKING");
    }

    private static void setPropertyIfUnset(String property, String environmentVariable) {
        if (System.getenv(environmentVariable) == null && System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    private static HuggingFaceTokenizer createNative(byte[] bytes, Path file) throws IOException {
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "withOverflowingTokens", "false",
                "truncation", "false",
                "padding", "false");
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), options);
        } catch (EngineException e) {
            throw new IllegalStateException("failed to load the native Hugging Face tokenizers library from the"
                    + " DJL jar while loading " + file + ". Set ENGINE_CACHE_DIR to a writable folder if ~/.djl.ai"
                    + " is not writable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The Rust side reports parse errors as plain RuntimeExceptions carrying serde's message.
            throw new IllegalArgumentException("not a valid Hugging Face tokenizer.json: " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static void warnAboutIgnoredSettings(JsonNode root, Path file) {
        for (String setting : new String[] {"truncation", "padding"}) {
            JsonNode value = root.path(setting);
            if (!value.isMissingNode() && !value.isNull()) {
                LOG.warn("Ignoring the {} settings of {}: encode() never truncates or pads", setting, file);
            }
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    private static void checkWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(
                        "text contains an unpaired surrogate U+%04X at index %d, which has no UTF-8 encoding", (int) c, i));
            }
        }
    }

    private void checkId(int id, String name) {
        if (id < 0 || id >= tokenStrings.length) {
            throw new IllegalArgumentException(name + " = " + id + " is outside the tokenizer's ids [0, "
                    + tokenStrings.length + ")");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("tokenizer " + path + " is closed");
        }
    }
}
