package dev.torrpedo.wire.mse;

import dev.torrpedo.wire.JqwikNoLeaks;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.wire.Recorder;
import dev.torrpedo.wire.TorrentLookup;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.ForAll;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

@AddLifecycleHook(JqwikNoLeaks.class)
class MseProperties {

    /** Whatever an initiator sends, the responder waits, lets a plain handshake through, or fails with EncryptionException. */
    @Property(tries = 300)
    void arbitraryBytesToTheResponderRaiseOnlyEncryptionException(@ForAll @Size(max = 1200) byte[] input,
                                                                  @ForAll boolean require, @ForAll long seed) {
        Recorder app = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new MseResponderHandler(TorrentLookup.only(MseTest.TORRENT),
                require ? EncryptionPolicy.REQUIRE : EncryptionPolicy.PREFER, MseTest.seeded(seed)), app);
        ch.writeInbound(Unpooled.wrappedBuffer(input));
        for (Throwable t : app.errors) {
            assertInstanceOf(EncryptionException.class, t);
        }
        assertTrue(app.errors.size() <= 1);
        app.release();
        ch.finishAndReleaseAll();
    }
}
