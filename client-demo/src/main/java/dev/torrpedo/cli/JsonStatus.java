package dev.torrpedo.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --json} status line: one JSON object per line on stdout, in place of the
 * progress line, with the fields of {@link TransferStatus} under their record names:
 *
 * <pre>
 * {"id":"…","name":"…","state":"downloading","progress":0.423,"completedBytes":113573068,
 *  "totalBytes":268435456,"downloadedBytes":113573068,"uploadedBytes":1258291,
 *  "downloadRate":13002342,"uploadRate":1258291,"etaSeconds":12,"peers":3,"seeds":2,"ratio":0.01}
 * </pre>
 */
public final class JsonStatus {
    private JsonStatus() {
    }

    /** @return {@code s} as one line of JSON, without the line break */
    public static String line(TransferStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("state", s.state().label());
        m.put("progress", s.progress());
        m.put("completedBytes", s.completedBytes());
        m.put("totalBytes", s.totalBytes());
        m.put("downloadedBytes", s.downloadedBytes());
        m.put("uploadedBytes", s.uploadedBytes());
        m.put("downloadRate", s.downloadRate());
        m.put("uploadRate", s.uploadRate());
        m.put("etaSeconds", s.etaSeconds());
        m.put("peers", s.peers());
        m.put("seeds", s.seeds());
        m.put("ratio", s.ratio());
        return Json.compact(m);
    }

    /** Writes {@code s} as one line and flushes, so a reader of the pipe sees it at once. */
    public static void write(PrintStream out, TransferStatus s) {
        out.println(line(s));
        out.flush();
    }
}
