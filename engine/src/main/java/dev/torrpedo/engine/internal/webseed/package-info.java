/**
 * Web seeds (BEP 19, GetRight style): a torrent's files fetched from plain HTTP(S) servers
 * with range requests, a run of blocks of one piece at a time, split across the files the
 * piece spans. The pure parts (URLs, {@code Content-Range}, the verdict on a reply, block
 * assembly) are separate from the Netty client; the same local-address rule as the tracker
 * clients guards every hop, redirects included.
 */
package dev.torrpedo.engine.internal.webseed;
