package dev.torrpedo.cli;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the values the commands take. Each turns the parser's
 * {@link IllegalArgumentException} into a {@link TypeConversionException}, which picocli
 * reports as bad usage (exit code 2) naming the option.
 */
final class Converters {
    private Converters() {
    }

    private static TypeConversionException bad(IllegalArgumentException e) {
        return new TypeConversionException(e.getMessage());
    }

    /** {@code 256K}, {@code 1M}, bytes: {@link Units#parseSize(String)}. */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Units.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
        }
    }

    /** {@code 2M}, {@code 500K}, bytes per second, {@code 0} for unlimited: {@link Units#parseRate(String)}. */
    static final class Rate implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Units.parseRate(value);
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
        }
    }

    /** A piece size: a size from 1 byte to 512 MiB ({@code TorrentCreator} checks the rest). */
    static final class PieceSize implements ITypeConverter<Integer> {
        static final long MAX = 512L * 1024 * 1024;

        @Override
        public Integer convert(String value) {
            long size;
            try {
                size = Units.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
            if (size < 1 || size > MAX) {
                throw new TypeConversionException("piece size " + value + " is out of range (expected: 16K to 512M,"
                        + " a power of two for v2 and hybrid torrents)");
            }
            return (int) size;
        }
    }

    /** {@code HOST:PORT}: {@link HostPort#parse(String)}. */
    static final class Peer implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
        }
    }

    /** A listening port, 0 (any free port) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String s = value.strip();
            if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(s) > 65_535) {
                throw new TypeConversionException("'" + value + "' is not a port (expected: 0 to 65535; 0 picks a free one)");
            }
            return Integer.parseInt(s);
        }
    }

    /** {@code 0,3-5}: {@link FileSelection#parse(String)}. */
    static final class Selection implements ITypeConverter<FileSelection> {
        @Override
        public FileSelection convert(String value) {
            try {
                return FileSelection.parse(value);
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
        }
    }

    /** {@code plain}, {@code prefer} or {@code require}: {@link Encryption#parse(String)}. */
    static final class EncryptionPolicy implements ITypeConverter<Encryption> {
        @Override
        public Encryption convert(String value) {
            try {
                return Encryption.parse(value);
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
        }
    }

    /** The words {@code --encryption} accepts, for the help. */
    static final class EncryptionNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("plain", "prefer", "require").iterator();
        }
    }
}
