/// Word-at-a-time (SWAR) byte classification on 8 bytes loaded as a little-endian `UInt64`.
enum CSVWordScan {
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let quotes: UInt64 = 0x2222_2222_2222_2222
    static let commas: UInt64 = 0x2C2C_2C2C_2C2C_2C2C
    /// 0x80 - 0x0E in each byte: adding it to a 7-bit value sets the top bit exactly when the value is >= 0x0E.
    static let controlBias: UInt64 = 0x7272_7272_7272_7272

    /// Loads 8 bytes in memory order into the low-to-high bytes of a word.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// Top bit set in each byte equal to the pattern's byte (exact, no carries between bytes).
    @inline(__always)
    static func equalMask(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let t = word ^ pattern
        return ~(((t & low7) &+ low7) | t) & high
    }

    /// Top bit set in each byte below 0x0E (NUL, CR, LF and other control characters).
    @inline(__always)
    static func controlMask(_ word: UInt64) -> UInt64 {
        ~(((word & low7) &+ controlBias) | word) & high
    }

    /// Top bit set in each UTF-8 continuation byte (10xxxxxx).
    @inline(__always)
    static func continuationMask(_ word: UInt64) -> UInt64 {
        word & ~(word << 1) & high
    }

    /// Bytes that end or interrupt an unquoted field: comma, quote and control characters.
    @inline(__always)
    static func unquotedStops(_ word: UInt64) -> UInt64 {
        equalMask(word, commas) | equalMask(word, quotes) | controlMask(word)
    }

    /// Bytes that end or interrupt a quoted field: quote and control characters.
    @inline(__always)
    static func quotedStops(_ word: UInt64) -> UInt64 {
        equalMask(word, quotes) | controlMask(word)
    }

    /// The number of continuation bytes among the first `count` bytes of the word (count < 8).
    @inline(__always)
    static func continuationCount(_ word: UInt64, firstBytes count: Int) -> Int {
        (continuationMask(word) & ((1 << UInt64(count &* 8)) &- 1)).nonzeroBitCount
    }
}
