/// UTF-8 helpers that report exact byte positions.
enum CSVUTF8 {
    /// The offset of the first byte of the first ill-formed sequence in `bytes`, or nil if all is valid.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        var i = 0
        guard let base = bytes.baseAddress else { return nil }
        while i < count {
            if count &- i >= 8 && CSVWordScan.load(base + i) & CSVWordScan.high == 0 {
                i &+= 8
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            if i + length > count { return i }
            let second = bytes[i + 1]
            if second < low || second > high { return i }
            var k = 2
            while k < length {
                if bytes[i + k] & 0xC0 != 0x80 { return i }
                k += 1
            }
            i += length
        }
        return nil
    }
}
