package swarmsync.scan;

import java.time.Duration;

/**
 * What one scan did.
 *
 * @param filesSeen       files, directories and symlinks walked or stat'ed (not skipped ones)
 * @param filesHashed     files read and chunked
 * @param bytesHashed     bytes read by those files' final, stable passes
 * @param deleted         deletions reported
 * @param filesNotScanned files left for the next scan: unreadable, or changing on every retry
 * @param duration        wall-clock time of the scan
 */
public record ScanStats(long filesSeen, long filesHashed, long bytesHashed, long deleted,
    long filesNotScanned, Duration duration) {}
