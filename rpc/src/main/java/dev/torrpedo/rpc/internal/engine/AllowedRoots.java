package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where clients may name paths: a path is resolved against the download directory when
 * relative, normalised, and must then lie under one of the roots, both as written and after
 * following the symbolic links of the part of it that exists (so a link inside a root cannot
 * lead out of it). Pure except for reading the file system's links; thread-safe.
 */
final class AllowedRoots {
    private final Path base;
    private final List<Path> roots;
    private final List<Path> realRoots;

    /**
     * @param base what relative paths are resolved against (absolute)
     * @param roots the allowed roots (absolute)
     */
    AllowedRoots(Path base, List<Path> roots) {
        this.base = base.toAbsolutePath().normalize();
        this.roots = new ArrayList<>();
        this.realRoots = new ArrayList<>();
        for (Path r : roots) {
            Path n = r.toAbsolutePath().normalize();
            this.roots.add(n);
            Path real = real(n);
            this.realRoots.add(real == null ? n : real);
        }
    }

    /** The roots, as configured. */
    List<Path> roots() {
        return List.copyOf(roots);
    }

    /** The download directory. */
    Path base() {
        return base;
    }

    /**
     * The absolute path a client means.
     *
     * @param param the parameter's name, for errors
     * @param path what the client sent
     * @return the path, normalised
     * @throws RpcException -32602 if it is not a path, -32005 if it is outside every root
     */
    Path resolve(String param, String path) {
        Path p;
        try {
            p = base.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw new RpcException(RpcErrorCode.INVALID_PARAMS, "Invalid params: '" + param + "' is not a path: "
                    + e.getReason(), Map.of("param", param));
        }
        Path real = real(p);
        if (!under(p, roots) || real == null || !under(real, realRoots)) {
            throw RpcException.pathNotAllowed(Checks.clip(path));
        }
        return p;
    }

    private static boolean under(Path p, List<Path> candidates) {
        for (Path r : candidates) {
            if (p.startsWith(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path with the links of its longest existing prefix followed, the rest appended as
     * written; null if that prefix cannot be followed (a dangling link, no permission).
     */
    static Path real(Path p) {
        Path existing = p;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest.add(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        Path out;
        try {
            out = existing.toRealPath();
        } catch (IOException e) {
            return null;
        }
        for (int i = rest.size() - 1; i >= 0; i--) {
            out = out.resolve(rest.get(i));
        }
        return out.normalize();
    }
}
