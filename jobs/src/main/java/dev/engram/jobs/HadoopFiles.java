package dev.engram.jobs;

import dev.engram.schema.ManifestJson;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Small file operations on any Hadoop file system, for paths given on the command line. */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    /** Turns a local path or a URI into an absolute, qualified Hadoop path. */
    public static Path qualify(String pathOrUri, Configuration conf) throws IOException {
        Path path = new Path(pathOrUri);
        if (path.toUri().getScheme() == null) {
            // Not java.nio's toUri(): it appends a slash to existing folders, which breaks getParent().
            String absolute = java.nio.file.Path.of(pathOrUri).toAbsolutePath().normalize().toString();
            try {
                path = new Path(new java.net.URI("file", null, absolute, null));
            } catch (java.net.URISyntaxException e) {
                throw new IOException("invalid path " + pathOrUri + ": " + e.getMessage(), e);
            }
        }
        return path.getFileSystem(conf).makeQualified(path);
    }

    /**
     * Expands inputs into a sorted list of files: a folder contributes every file below it, a glob every
     * match; names starting with {@code .} or {@code _} (checksums, markers, manifests) are skipped.
     *
     * @param flag names the flag in error messages
     */
    public static List<Path> listInputFiles(List<String> inputs, String flag, Configuration conf) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        for (String input : inputs) {
            Path path = qualify(input, conf);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new JobInputException(flag + ": input " + input + " not found; expected a file, a folder or a glob");
            }
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> below = fs.listFiles(match.getPath(), true);
                    while (below.hasNext()) {
                        Path file = below.next().getPath();
                        if (!isHidden(file, match.getPath())) {
                            files.add(file);
                        }
                    }
                } else {
                    files.add(match.getPath());
                }
            }
        }
        if (files.isEmpty()) {
            throw new JobInputException(flag + ": no input files found under " + inputs);
        }
        return new ArrayList<>(files);
    }

    private static boolean isHidden(Path file, Path root) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** Reads a JSON manifest, naming the flag and the expected folder kind when it is missing. */
    public static <T> T readManifest(Path dir, String file, Class<T> type, String flag, String producer,
                                     Configuration conf) {
        Path path = new Path(dir, file);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(dir)) {
                throw new JobInputException(flag + ": folder " + dir + " not found; expected the output of " + producer);
            }
            if (!fs.exists(path)) {
                throw new JobInputException(flag + ": " + dir + " has no " + file + "; expected the output of " + producer);
            }
            try (InputStream in = fs.open(path)) {
                return ManifestJson.read(in, type, path.toString());
            }
        } catch (FileNotFoundException e) {
            throw new JobInputException(flag + ": " + path + " not found; expected the output of " + producer, e);
        } catch (IOException e) {
            throw new JobInputException(flag + ": " + path + " is corrupt: " + e.getMessage(), e);
        }
    }

    public static void writeBytes(Path file, byte[] bytes, Configuration conf) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        try (OutputStream out = fs.create(file, true)) {
            out.write(bytes);
        }
    }

    /** Copies a Hadoop file to a local temporary file that is deleted when the JVM exits. */
    public static java.nio.file.Path toLocal(Path file, Configuration conf) throws IOException {
        java.nio.file.Path local = Files.createTempFile("engram-", "-" + file.getName());
        local.toFile().deleteOnExit();
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            Files.copy(in, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }

    public static void copyFromLocal(java.nio.file.Path local, Path target, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
    }

    /**
     * Joins paths with commas, the separator Hadoop input formats split a path list on.
     *
     * <p>Limitation: a path that itself contains a comma is split apart by Hadoop and then reported as
     * not found; such files need renaming before {@code tokenize} can read them.
     */
    public static String commaSeparated(List<Path> paths) {
        return String.join(",", Arrays.stream(paths.toArray(new Path[0])).map(Path::toString).toList());
    }
}
