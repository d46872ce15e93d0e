import Foundation
import PipelineKit

/// SHA-1 (FIPS 180-4), for WARC's `WARC-Block-Digest` and `WARC-Payload-Digest`.
///
/// WARC tools conventionally write and check `sha1:` digests in base 32; the
/// toolchain has no SHA-1 on Linux without a package, and a digest here is an
/// integrity label, not a security boundary, so it is written out.
public struct SHA1: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
    )
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() {
        buffer.reserveCapacity(64)
    }

    /// Adds bytes to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            buffer.append(byte)
            length &+= 1
            if buffer.count == 64 {
                compress(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Adds the bytes of `data` a block at a time.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { raw in
            var index = 0
            let count = raw.count
            if !buffer.isEmpty {
                while index < count, buffer.count < 64 {
                    buffer.append(raw[index])
                    index += 1
                }
                length &+= UInt64(index)
                if buffer.count == 64 {
                    compress(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            while count - index >= 64 {
                compress(Array(raw[index..<index + 64]))
                index += 64
                length &+= 64
            }
            while index < count {
                buffer.append(raw[index])
                index += 1
                length &+= 1
            }
        }
    }

    /// The 20-byte digest.
    public func finalize() -> [UInt8] {
        var copy = self
        let bits = length &* 8
        var tail: [UInt8] = [0x80]
        while (copy.buffer.count + tail.count) % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
        for byte in tail {
            copy.buffer.append(byte)
            if copy.buffer.count == 64 {
                copy.compress(copy.buffer)
                copy.buffer.removeAll(keepingCapacity: true)
            }
        }
        var out: [UInt8] = []
        for word in [copy.state.0, copy.state.1, copy.state.2, copy.state.3, copy.state.4] {
            out += [
                UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                UInt8(truncatingIfNeeded: word),
            ]
        }
        return out
    }

    /// The digest of `data`.
    public static func digest(_ data: Data) -> [UInt8] {
        var hasher = SHA1()
        hasher.update(data)
        return hasher.finalize()
    }

    private mutating func compress(_ block: [UInt8]) {
        var w = [UInt32](repeating: 0, count: 80)
        for i in 0..<16 {
            w[i] =
                UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16 | UInt32(block[4 * i + 2]) << 8
                | UInt32(block[4 * i + 3])
        }
        for i in 16..<80 {
            let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
            w[i] = x << 1 | x >> 31
        }
        var (a, b, c, d, e) = state
        for i in 0..<80 {
            let f: UInt32, k: UInt32
            switch i {
            case 0..<20:
                f = (b & c) | (~b & d)
                k = 0x5A82_7999
            case 20..<40:
                f = b ^ c ^ d
                k = 0x6ED9_EBA1
            case 40..<60:
                f = (b & c) | (b & d) | (c & d)
                k = 0x8F1B_BCDC
            default:
                f = b ^ c ^ d
                k = 0xCA62_C1D6
            }
            let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
            e = d
            d = c
            c = b << 30 | b >> 2
            b = a
            a = temp
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }
}

/// RFC 4648 base 32 (upper case, padded), the usual spelling of WARC's SHA-1 digests.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt64(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int(buffer >> UInt64(bits - 5) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt64(5 - bits) & 31)]) }
        while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) }
        return String(decoding: out, as: UTF8.self)
    }
}
