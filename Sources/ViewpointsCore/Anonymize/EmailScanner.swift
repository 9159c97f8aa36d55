/// Finds e-mail addresses in UTF-8 text, starting from their `@`.
///
/// The pattern is `local@domain.tld`: the local part is letters, digits (any script) and `._%+-`, without leading
/// dots; the domain is two or more dot-separated labels of letters, digits and hyphens whose last label (the TLD)
/// is 2+ letters. A trailing dot (`ali@example.org.`) is not part of the address.
enum EmailScanner {
    /// The byte range of the address whose `@` is at `at`, or `nil`.
    static func match(in p: UnsafeBufferPointer<UInt8>, at: Int) -> (start: Int, end: Int)? {
        let n = p.count
        var start = at
        while start > 0 {
            let previous = ScalarClass.scalarStart(before: start, in: p)
            guard isLocal(ScalarClass.decode(p, previous).value) else { break }
            start = previous
        }
        while start < at && p[start] == ScalarClass.dot { start += 1 }
        guard start < at else { return nil }
        var j = at + 1
        var labels = 0
        var end = -1
        while j < n {
            let labelStart = j
            var letters = 0
            var allLetters = true
            while j < n {
                let (v, length) = ScalarClass.decode(p, j)
                guard isLabel(v) else { break }
                if v < 0x80 ? ScalarClass.isASCIILetter(UInt8(v)) : isNonASCIILetter(v) {
                    letters += 1
                } else {
                    allLetters = false
                }
                j += length
            }
            if j == labelStart { break }
            labels += 1
            if labels >= 2 && allLetters && letters >= 2 { end = j }
            guard j + 1 < n, p[j] == ScalarClass.dot, isLabel(ScalarClass.decode(p, j + 1).value) else { break }
            j += 1
        }
        return end > 0 ? (start, end) : nil
    }

    private static func isLocal(_ v: UInt32) -> Bool {
        // . _ % + -
        v == 0x2E || v == 0x5F || v == 0x25 || v == 0x2B || v == 0x2D || ScalarClass.isWord(v)
    }

    private static func isLabel(_ v: UInt32) -> Bool {
        v == 0x2D || ScalarClass.isWord(v)
    }

    private static func isNonASCIILetter(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return ScalarClass.isLetter(scalar)
    }
}
