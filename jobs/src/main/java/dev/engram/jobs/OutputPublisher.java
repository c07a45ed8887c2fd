package dev.engram.jobs;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a job's output folder only once it is complete.
 *
 * <p>The job writes into a hidden sibling {@code .<name>.tmp-<uuid>} that {@link #publish} renames onto
 * the target, so a job killed at any moment leaves the target as it was (absent, or the old output) and
 * at most a hidden temporary folder that no stage reads. With {@code --overwrite}, the old output is
 * first renamed to {@code .<name>.old-<uuid>}, then the new one takes its place, and only then is the old
 * one deleted: a kill between the two renames leaves the old output intact in that folder.
 *
 * <p>Limitation: on object stores where rename is a copy (S3A), publishing is not atomic.
 */
public final class OutputPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPublisher.class);

    private final Path target;
    private final Path temp;
    private final boolean overwrite;
    private final FileSystem fs;

    private OutputPublisher(Path target, Path temp, boolean overwrite, FileSystem fs) {
        this.target = target;
        this.temp = temp;
        this.overwrite = overwrite;
        this.fs = fs;
    }

    /**
     * Checks the target and picks a temporary folder beside it; nothing is created yet.
     *
     * @param flag the command-line flag that named the target, for the error message
     * @throws OutputExistsException if the target exists and {@code overwrite} is false
     */
    public static OutputPublisher prepare(String out, String flag, boolean overwrite, Configuration conf) {
        try {
            Path target = HadoopFiles.qualify(out, conf);
            FileSystem fs = target.getFileSystem(conf);
            if (fs.exists(target) && !overwrite) {
                throw new OutputExistsException(flag + ": output folder " + target
                        + " exists already; pass --overwrite to replace it, or choose another folder");
            }
            Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
            return new OutputPublisher(target, temp, overwrite, fs);
        } catch (IOException e) {
            throw new JobInputException(flag + ": cannot access output folder " + out + ": " + e.getMessage(), e);
        }
    }

    public Path target() {
        return target;
    }

    /** Returns the folder the job writes into, which does not exist until the job creates it. */
    public Path temp() {
        return temp;
    }

    /** Moves the completed temporary folder onto the target, replacing an old output if allowed. */
    public void publish() throws IOException {
        if (!fs.exists(temp)) {
            throw new IOException("cannot publish " + target + ": the temporary folder " + temp + " was not written");
        }
        Path old = null;
        if (fs.exists(target)) {
            if (!overwrite) {
                throw new OutputExistsException("output folder " + target + " appeared while the job ran;"
                        + " the new output is kept at " + temp + ". Pass --overwrite to replace the folder");
            }
            old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
            rename(target, old);
        }
        rename(temp, target);
        if (old != null && !fs.delete(old, true)) {
            LOG.warn("published {} but could not delete the previous output kept at {}", target, old);
        }
        LOG.info("published {}", target);
    }

    /** Deletes the temporary folder after a failure; the target is left as it was. */
    public void abort() {
        try {
            if (fs.exists(temp)) {
                fs.delete(temp, true);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the temporary output {}: {}", temp, e.toString());
        }
    }

    private void rename(Path from, Path to) throws IOException {
        // Hadoop's rename moves a folder inside an existing destination, so the destination must be absent.
        if (!fs.rename(from, to)) {
            throw new IOException("renaming " + from + " to " + to + " failed");
        }
    }
}
