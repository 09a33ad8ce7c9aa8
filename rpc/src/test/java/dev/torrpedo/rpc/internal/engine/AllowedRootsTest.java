package dev.torrpedo.rpc.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client paths must stay under the allowed roots, however they are spelt and whatever links lie on the way. */
class AllowedRootsTest {
    @TempDir
    Path dir;

    private AllowedRoots roots() throws Exception {
        Files.createDirectories(dir.resolve("dl"));
        Files.createDirectories(dir.resolve("media"));
        return new AllowedRoots(dir.resolve("dl"), List.of(dir.resolve("dl"), dir.resolve("media")));
    }

    private static RpcErrorCode code(Runnable r) {
        return assertThrows(RpcException.class, r::run).code();
    }

    @Test
    void relativePathsResolveAgainstTheDownloadDirectory() throws Exception {
        AllowedRoots r = roots();
        assertEquals(dir.resolve("dl/movies/new"), r.resolve("savePath", "movies/./new"));
        assertEquals(dir.resolve("dl"), r.resolve("savePath", ""));
        assertEquals(dir.resolve("media/x"), r.resolve("savePath", "../media/x"));
        assertEquals(dir.resolve("media/x"), r.resolve("savePath", dir.resolve("media/x").toString()));
    }

    @Test
    void pathsOutsideEveryRootAreRefused() throws Exception {
        AllowedRoots r = roots();
        for (String p : List.of("..", "../other", "/etc/passwd", "movies/../../..", dir.resolve("dl2").toString(),
                dir.resolve("media2/x").toString(), dir.toString())) {
            RpcException e = assertThrows(RpcException.class, () -> r.resolve("savePath", p), p);
            assertEquals(RpcErrorCode.PATH_NOT_ALLOWED, e.code(), p);
            assertEquals(Map.of("path", p), e.data());
        }
    }

    @Test
    void aLinkInsideARootCannotLeadOutOfIt() throws Exception {
        AllowedRoots r = roots();
        Files.createDirectories(dir.resolve("secret"));
        Files.createSymbolicLink(dir.resolve("dl/out"), dir.resolve("secret"));
        Files.createSymbolicLink(dir.resolve("dl/in"), dir.resolve("media"));
        Files.createSymbolicLink(dir.resolve("dl/dangling"), dir.resolve("nowhere"));
        assertEquals(RpcErrorCode.PATH_NOT_ALLOWED, code(() -> r.resolve("savePath", "out")));
        assertEquals(RpcErrorCode.PATH_NOT_ALLOWED, code(() -> r.resolve("savePath", "out/new/deeper")));
        assertEquals(RpcErrorCode.PATH_NOT_ALLOWED, code(() -> r.resolve("savePath", "dangling/x")));
        assertEquals(dir.resolve("dl/in/x"), r.resolve("savePath", "in/x"), "a link to another root is fine");
    }

    @Test
    void aRootThatIsALinkIsJudgedByWhereItLeads() throws Exception {
        Files.createDirectories(dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        AllowedRoots r = new AllowedRoots(dir.resolve("link"), List.of(dir.resolve("link")));
        assertEquals(dir.resolve("link/a"), r.resolve("savePath", "a"));
    }

    @Test
    void somethingThatIsNotAPathIsAnInvalidParam() throws Exception {
        AllowedRoots r = roots();
        RpcException e = assertThrows(RpcException.class, () -> r.resolve("savePath", "a\u0000b"));
        assertEquals(RpcErrorCode.INVALID_PARAMS, e.code());
        assertEquals(Map.of("param", "savePath"), e.data());
    }
}
