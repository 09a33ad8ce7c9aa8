/**
 * The choker: whom a torrent uploads to, decided every 10 s from a snapshot of its peers.
 *
 * <p>{@link dev.torrpedo.engine.internal.choke.Choker#decide} is pure apart from the
 * choker's own small state: the optimistic peer and when it got the slot, and for each peer
 * of the last round when its choke state began (pruned to the peers of each snapshot, so it
 * stays as small as the peer list). It reads no clock, sends nothing, and logs nothing; the
 * caller takes a {@link dev.torrpedo.engine.internal.choke.ChokePeer} snapshot of each
 * connection, passes the time, and sends CHOKE/UNCHOKE for
 * {@link dev.torrpedo.engine.internal.choke.ChokeDecision#toChoke} and
 * {@link dev.torrpedo.engine.internal.choke.ChokeDecision#toUnchoke}.
 *
 * <p>Downloading: tit-for-tat (BEP 3). The four interested, non-snubbed peers that sent us
 * the most over the last period get the regular slots (ties go to those already unchoked, to
 * avoid fibrillation). Seeding: the peers we upload to fastest keep their slots for up to
 * 60 s; then the peers that have waited longest take over (round robin), so every
 * interested peer is served in turn while fast peers are favoured. In both modes one more
 * peer gets the optimistic slot for 30 s, drawn at random from the interested peers without
 * a regular slot, new peers (under 60 s) three times as likely, never the same peer twice in a
 * row when another is waiting.
 */
package dev.torrpedo.engine.internal.choke;
