/**
 * Storage: the asynchronous Storage SPI, piece-to-file I/O on shared disk threads, parallel
 * SHA-1 / SHA-256 merkle verification, checking existing data, and resume data.
 */
module dev.torrpedo.storage {
    requires transitive dev.torrpedo.metainfo;
    requires org.jctools.core;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.torrpedo.storage;
}
