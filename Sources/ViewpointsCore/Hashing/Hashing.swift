import COpenSSL

/// SHA-256 and HMAC-SHA256 through OpenSSL's libcrypto.
public enum Hashing {
    /// SHA-256 of `bytes`.
    public static func sha256(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { out in
            _ = SHA256(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, out.baseAddress)
        }
        return digest
    }

    /// SHA-256 of a byte array.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { sha256($0) }
    }

    /// SHA-256 of a string's UTF-8 bytes.
    public static func sha256(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { sha256(UnsafeRawBufferPointer($0)) }
    }

    /// The keyed digest that stands for a participant identifier: HMAC-SHA256 under the study key of the identifier
    /// normalized (case and spacing), so one person is one digest however the files spell them.
    public static func identifierDigest(key: [UInt8], identifier: String) -> [UInt8] {
        hmacSHA256(key: key, message: IdentifierNormalizer.normalize(identifier))
    }

    /// HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(key: [UInt8], message: String) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        var message = message
        message.withUTF8 { text in
            key.withUnsafeBufferPointer { k in
                digest.withUnsafeMutableBufferPointer { out in
                    _ = HMAC(
                        EVP_sha256(), k.baseAddress, Int32(k.count), text.baseAddress, text.count, out.baseAddress,
                        &length)
                }
            }
        }
        return digest
    }

    /// Cryptographically strong random bytes.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        precondition(ok == 1, "OpenSSL could not produce random bytes")
        return bytes
    }

    /// Lower-case hexadecimal.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            digits.withUTF8Buffer { table in
                for (i, b) in bytes.enumerated() {
                    out[2 * i] = table[Int(b >> 4)]
                    out[2 * i + 1] = table[Int(b & 0x0F)]
                }
            }
            return bytes.count * 2
        }
    }

    /// Parses hexadecimal (upper or lower case); nil when it is not an even run of hex digits.
    public static func bytes(hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
