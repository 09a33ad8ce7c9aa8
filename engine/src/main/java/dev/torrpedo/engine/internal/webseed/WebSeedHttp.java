package dev.torrpedo.engine.internal.webseed;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;

/**
 * What every web seed of a session shares: the asynchronous resolver (no event loop blocks on
 * DNS), the TLS context for https seeds (made on first use), and the User-Agent.
 */
public final class WebSeedHttp {
    private final AddressResolverGroup<InetSocketAddress> resolver;
    private final String userAgent;
    private volatile SslContext ssl;

    /**
     * @param resolver  the session's resolver
     * @param userAgent sent with every request
     */
    public WebSeedHttp(AddressResolverGroup<InetSocketAddress> resolver, String userAgent) {
        this.resolver = resolver;
        this.userAgent = userAgent;
    }

    AddressResolverGroup<InetSocketAddress> resolver() {
        return resolver;
    }

    String userAgent() {
        return userAgent;
    }

    /** @return the client TLS context (two loops racing to make the first one both make one: harmless) */
    SslContext ssl() {
        SslContext s = ssl;
        if (s == null) {
            try {
                s = SslContextBuilder.forClient().build();
            } catch (SSLException e) {
                throw new IllegalStateException("no TLS for https web seeds: " + e.getMessage(), e);
            }
            ssl = s;
        }
        return s;
    }
}
