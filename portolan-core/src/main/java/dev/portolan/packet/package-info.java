/**
 * Pure packet codecs: records with {@code parse(ByteBuffer)} and {@code writeTo(ByteBuffer)}, no I/O.
 *
 * <p>Conventions, the same for every codec:
 * <ul>
 *   <li>{@code parse(buf)} reads the bytes from {@code buf.position()} to {@code buf.limit()} with absolute gets and
 *       never moves the buffer's position, limit or mark; the record tells how many bytes it took
 *       ({@code length()} or {@code headerLength()}), so a caller steps to the next layer itself.</li>
 *   <li>Parsing any input either returns a record or throws {@link dev.portolan.packet.MalformedPacketException};
 *       never an index error. Checksums are not checked on parse: ask {@code checksumValid()}.</li>
 *   <li>{@code writeTo(out)} writes at {@code out.position()} and advances it, like {@code ByteBuffer.put}; fields
 *       are written as they are (a wrong checksum stays wrong), {@link dev.portolan.packet.IpPacket#assemble}
 *       fills in lengths and checksums.</li>
 *   <li>Multi-byte fields are big-endian on the wire whatever the buffer's byte order; 32-bit unsigned fields
 *       (sequence numbers, timestamps) are Java {@code int}s carrying the same bits.</li>
 *   <li>A parsed record written back gives the very bytes it was parsed from.</li>
 * </ul>
 */
package dev.portolan.packet;
