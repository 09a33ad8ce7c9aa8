/**
 * The piece picker: which blocks to request from which peer, shared lock-free by every peer
 * of a torrent, whichever event loop each runs on.
 *
 * <h2>States</h2>
 * <pre>
 *  block:  NONE --pick--> REQUESTED --received--> WRITING --blockWritten--> FINISHED
 *            ^               |   ^ endgame: more requesters      |
 *            +---release-----+   (at most 3)                     |
 *            +------------------------writeFailed----------------+
 *            (a late block may go NONE --received--> WRITING directly)
 *
 *  piece:  OPEN --last blockWritten--> VERIFYING --pieceVerified--> HAVE
 *            ^                             |
 *            +---- RESETTING <--pieceFailed+   (every block back to NONE)
 *          weHave: any state but RESETTING --> HAVE
 * </pre>
 * {@link dev.torrpedo.engine.internal.picker.PieceState} and
 * {@link dev.torrpedo.engine.internal.picker.BlockState} are the public names; an OPEN piece is
 * MISSING until its first block is claimed and PARTIAL after (also after a hash failure).
 *
 * <h2>Representation</h2>
 * <ul>
 * <li>One {@code long} per piece (see {@code PieceWord}): state, priority, a "touched" bit,
 *     {@code free} (NONE blocks not reserved by a pick) and {@code written} (FINISHED blocks).
 * <li>One {@code long} per block (see {@code BlockWord}), in a {@code PieceDownload} that
 *     exists only while the piece is being downloaded: state, requester count, and a peer id
 *     (the first requester, or who delivered it, which smart ban reads back through
 *     {@link dev.torrpedo.engine.internal.picker.PiecePicker#blockSenders}). Memory is
 *     O(pieces) plus O(blocks of pieces in progress).
 * <li>Endgame duplicates: a copy-on-write {@code int[]} of extra requesters per block, in a
 *     table allocated on the first duplicate.
 * <li>Derived state: per-piece availability ({@code AtomicIntegerArray}, plus a count of
 *     seeds), torrent-wide counters (wanted free blocks, missing pieces, had pieces), and two
 *     atomic bitmaps: "wanted and missing" (what makes a peer interesting) and "active"
 *     (touched and not had: the partial-first scan).
 * <li>The rarest-first order: an immutable array sorted by priority, availability and a random
 *     tie-break, rebuilt by one thread at a time after enough availability changes (1/32 of the
 *     piece count) or any priority change, and published through a volatile field.
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ol>
 * <li>For an OPEN piece, the NONE blocks are never fewer than {@code free} plus the
 *     reservations in flight: a block leaves NONE only against a reservation taken from
 *     {@code free} first, and returns to NONE before {@code free} is raised.
 * <li>Outside endgame a block has at most one requester: a pick claims a block only by CAS
 *     from NONE. A second requester is added only by an endgame pick, which flags the address
 *     with {@link dev.torrpedo.engine.internal.picker.BlockAddress#DUPLICATE}.
 * <li>A REQUESTED block's count equals its recorded requesters (the peer field unless
 *     {@code NOBODY}, plus the extra list) whenever no operation is in flight.
 * <li>Each torrent-wide counter equals the sum over pieces of its function of the piece word,
 *     and each bitmap bit equals its predicate of the piece word, whenever no operation is in
 *     flight.
 * <li>A VERIFYING piece has every block FINISHED; a HAVE piece has no block words.
 * </ol>
 * The tests recompute all of these from the words after every step ({@code PickerInvariants}).
 *
 * <h2>Why lock-free is safe</h2>
 * Every decision is one CAS on one word: claiming a block (NONE to REQUESTED), delivering it
 * (to WRITING: exactly one deliverer wins, the others hear DUPLICATE), reserving free blocks,
 * changing a piece's state or priority. Invariant 1 makes the claim loop terminate without
 * waiting on another thread: after a reservation there is always a NONE block to take unless
 * another thread has just taken one, which is progress. Counters are kept exact by having the
 * thread whose CAS changed a piece word add the exact difference it made (priority lives in
 * the same word, so "wanted" never races with "free"). A derived bit is written after the CAS
 * and re-checked against the word until stable, so the last writer has seen the final word.
 * Endgame bookkeeping tolerates the gaps between its steps: a duplicate registers itself in
 * the extra list before raising the count and backs out if the block left REQUESTED; a
 * receiver takes the extra list after winning the block, so a late registrant either is in
 * what it took (and gets a harmless CANCEL) or backs out itself. A failed piece is reset only
 * by the thread that moved it to RESETTING. Objects are never reused (a finished piece's block
 * words are dropped for the GC), so there is no ABA on references.
 *
 * <p>What is approximate, by design: the rarest-first order may be stale by a few
 * availability changes, and endgame is entered from a counter that other threads update just
 * after their CAS, so one pick may see endgame a moment early or late. Neither affects claims.
 *
 * <h2>Where things are</h2>
 * {@code PiecePicker} is the API (configuration, picking strategies, piece events) and
 * delegates to {@code PeerAvailability}, which counts who has each piece, and to
 * {@code BlockEvents}, which moves a block through its states once it is handed out;
 * {@code PieceTable} holds the piece words, block words, counters and bitmaps
 * and is the only place a piece word changes; {@code RarestFirst} keeps the order;
 * {@code Endgame} hands out duplicates and names whom to cancel; {@code PieceWord},
 * {@code BlockWord} and {@code PieceDownload} are the layouts.
 *
 * <h2>Threading contract</h2>
 * Any thread may call the picker. A {@link dev.torrpedo.engine.internal.picker.PickerPeer}
 * belongs to one connection and is used from its event loop only. Priorities and sequential
 * mode are set from one thread at a time. The picker never blocks, reads a clock, logs or
 * starts a thread; its {@code RandomGenerator} is used only by the thread rebuilding the order.
 */
package dev.torrpedo.engine.internal.picker;
