package dev.torrpedo.storage;

/**
 * Progress of {@link Storage#checkFiles} and {@link Storage#recheck}, on the
 * {@code Executor} passed with the call: at most about a hundred calls per check, the last
 * with {@code checked == total}.
 */
@FunctionalInterface
public interface CheckProgress {
    /** Ignores progress. */
    CheckProgress NONE = (checked, total) -> { };

    /**
     * @param checked pieces checked (hashed, or accepted from resume data) so far
     * @param total   pieces to check
     */
    void progress(int checked, int total);
}
