package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./torrpedo} script, in a copy of the repository's layout: it runs the jar with
 * the arguments unchanged and the command's exit code, and builds first exactly when the jar
 * is missing or older than a source it is made from. The build is a stand-in {@code mvn} on
 * the PATH that logs its arguments and puts the real jar in place: a real build here would
 * rewrite the jar under the other tests' feet.
 */
class TorrpedoScriptIT {
    /** When the copied jar was "built": an hour ago, the sources an hour before, a change since then. */
    private static final Instant BUILT = Instant.now().minusSeconds(3600);

    @TempDir
    Path root;
    private Path jar;
    private Path mvnLog;
    private Map<String, String> env;

    @BeforeEach
    void repository() throws Exception {
        Path script = Path.of(System.getProperty("torrpedo.script"));
        Files.copy(script, root.resolve("torrpedo"));
        assertTrue(Files.isExecutable(root.resolve("torrpedo")), "the script must be committed executable");
        for (String module : List.of("bencode", "client-demo", "benchmarks")) {
            Files.createDirectories(root.resolve(module + "/src/main/java"));
            write(root.resolve(module + "/pom.xml"), "<project/>");
            write(root.resolve(module + "/src/main/java/A.java"), "class A {}");
        }
        write(root.resolve("pom.xml"), "<project/>");
        jar = root.resolve("client-demo/target/torrpedo.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(JarRun.jar(), jar);
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));

        Path bin = Files.createDirectories(root.resolve("fake-bin"));
        mvnLog = root.resolve("mvn.log");
        Path mvn = bin.resolve("mvn");
        write(mvn, "#!/bin/sh\n"
                + "echo \"$@\" >> '" + mvnLog + "'\n"
                + "echo 'maven chatter on stdout'\n"
                + "[ -n \"$FAIL_BUILD\" ] && exit 1\n"
                + "cp '" + JarRun.jar() + "' '" + jar + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        // the class-data archive takes a few seconds to make: only the test of it makes one
        env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "JAVA_HOME", System.getProperty("java.home"),
                "TORRPEDO_CDS", "0");
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(BUILT.minusSeconds(3600)));
    }

    private JarRun.Result torrpedo(Map<String, String> extraEnv, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("torrpedo").toString()));
        cmd.addAll(List.of(args));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(extraEnv);
        try (JarRun run = JarRun.start(root, all, cmd)) {
            return run.await(JarRun.TIMEOUT);
        }
    }

    private List<String> builds() throws Exception {
        return Files.exists(mvnLog) ? Files.readAllLines(mvnLog) : List.of();
    }

    @Test
    void aFreshJarRunsWithTheArgumentsAndExitCodeUnchanged() throws Exception {
        JarRun.Result r = torrpedo(Map.of(), "info", "a file with spaces.torrent");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("torrpedo: a file with spaces.torrent: no such file\n", r.stderr());
        assertEquals("", r.stdout());
        JarRun.Result usage = torrpedo(Map.of(), "info", "--bogus");
        assertEquals(2, usage.exitCode(), usage.toString());
        assertEquals(List.of(), builds());
    }

    @Test
    void aChangedSourceRebuildsAndBuildOutputStaysOffStdout() throws Exception {
        Files.setLastModifiedTime(root.resolve("bencode/src/main/java/A.java"), FileTime.from(BUILT.plusSeconds(60)));
        JarRun.Result r = torrpedo(Map.of(), "--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("-B -q -Dstyle.color=never -f " + root.resolve("pom.xml") + " -DskipTests -pl client-demo -am package"),
                builds());
        assertTrue(r.stdout().startsWith("torrpedo "), r.toString());
        assertFalse(r.stdout().contains("maven chatter"), r.toString());
        assertTrue(r.stderr().contains("maven chatter"), r.toString());

        torrpedo(Map.of(), "--version");
        assertEquals(1, builds().size(), "built again though nothing changed since");
    }

    @Test
    void benchmarksAndInteropDoNotCount() throws Exception {
        Files.setLastModifiedTime(root.resolve("benchmarks/src/main/java/A.java"), FileTime.from(BUILT.plusSeconds(60)));
        assertEquals(0, torrpedo(Map.of(), "--version").exitCode());
        assertEquals(List.of(), builds());
    }

    @Test
    void aMissingJarIsBuilt() throws Exception {
        Files.delete(jar);
        JarRun.Result r = torrpedo(Map.of(), "--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, builds().size());
    }

    @Test
    void aFailedBuildSaysSoAndRunsNothing() throws Exception {
        Files.delete(jar);
        JarRun.Result r = torrpedo(Map.of("FAIL_BUILD", "1"), "--version");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().strip().endsWith("torrpedo: the build failed (see above)"), r.toString());
    }

    @Test
    void aClassDataArchiveIsMadeOnceForTheJarAndLeavesStdoutToTheCommand() throws Exception {
        Path jsa = root.resolve("client-demo/target/torrpedo.jsa");
        JarRun.Result first = torrpedo(Map.of("TORRPEDO_CDS", "1"), "--version");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.stdout().startsWith("torrpedo "), first.toString());
        assertTrue(first.stderr().contains("making a class-data archive"), first.toString());
        assertTrue(Files.size(jsa) > 0, "the archive was made");
        FileTime made = Files.getLastModifiedTime(jsa);

        JarRun.Result second = torrpedo(Map.of("TORRPEDO_CDS", "1"), "--version");
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(first.stdout(), second.stdout());
        assertEquals("", second.stderr(), "nothing made again, no JVM warning");
        assertEquals(made, Files.getLastModifiedTime(jsa));
        try (java.util.stream.Stream<Path> left = Files.list(jsa.getParent())) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("torrpedo.jsa.")).toList(),
                    "no lock or temporary file left");
        }

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5))); // a new jar
        JarRun.Result rebuilt = torrpedo(Map.of("TORRPEDO_CDS", "1"), "--version");
        assertEquals(0, rebuilt.exitCode(), rebuilt.toString());
        assertTrue(rebuilt.stderr().contains("making a class-data archive"), "a newer jar gets a new archive");
    }
}
