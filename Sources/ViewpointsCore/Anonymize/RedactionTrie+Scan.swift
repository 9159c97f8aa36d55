import Foundation

extension RedactionTrie {
    /// Calls `body(start, end, payload)` for each match in `p`, left to right, leftmost-longest, in one pass.
    ///
    /// At each candidate start the longest of an e-mail (found beforehand from each `@`), a phone number (tried at
    /// a digit, `+` or `(`) and a trie key (tried at a word start, or at a punctuation scalar some key starts
    /// with) wins; on equal length the earlier of that list wins, and within the trie the lower rank.
    func forEachMatch(in p: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int32) -> Void) {
        let n = p.count
        var emails: [(start: Int, end: Int)] = []
        if let base = p.baseAddress {
            var k = 0
            while k < n, let found = memchr(base + k, Int32(ScalarClass.at), n - k) {
                k = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if let email = EmailScanner.match(in: p, at: k) { emails.append(email) }
                k += 1
            }
        }
        var nextEmail = 0
        var i = 0
        while i < n {
            let b = p[i]
            if b == ScalarClass.space { i += 1; continue }
            while nextEmail < emails.count && emails[nextEmail].start < i { nextEmail += 1 }
            var bestEnd = i
            var best: Int32 = -1
            if nextEmail < emails.count && emails[nextEmail].start == i {
                bestEnd = emails[nextEmail].end
                best = Self.emailPayload
            }
            var next = i + 1
            var word = false
            if b < 0x80 {
                if ScalarClass.isASCIIAlnum(b) {
                    word = true
                    if ScalarClass.isASCIIDigit(b), let end = PhoneScanner.match(in: p, at: i), end > bestEnd {
                        bestEnd = end
                        best = Self.phonePayload
                    }
                } else if !ScalarClass.isASCIIWhitespace(b) {
                    if b == ScalarClass.plus || b == ScalarClass.openParen,
                        let end = PhoneScanner.match(in: p, at: i), end > bestEnd
                    {
                        bestEnd = end
                        best = Self.phonePayload
                    }
                    if punctuationStartsASCII[Int(b)],
                        let node = rootPunctuation[ScalarClass.punctuationKey(UInt32(b))]
                    {
                        let match = walk(from: node, in: p, at: i + 1)
                        if match.payload >= 0 && match.end > bestEnd {
                            bestEnd = match.end
                            best = match.payload
                        }
                    }
                }
            } else {
                let (value, length) = ScalarClass.decode(p, i)
                next = i + length
                if ScalarClass.isWord(value) {
                    word = true
                    if ScalarClass.decimalValue(value) != nil, let end = PhoneScanner.match(in: p, at: i), end > bestEnd
                    {
                        bestEnd = end
                        best = Self.phonePayload
                    }
                } else if value == PhoneScanner.fullWidthPlus, let end = PhoneScanner.match(in: p, at: i), end > bestEnd
                {
                    bestEnd = end
                    best = Self.phonePayload
                } else if hasNonASCIIPunctuationStart && !ScalarClass.isWhitespace(value),
                    let node = rootPunctuation[ScalarClass.punctuationKey(value)]
                {
                    let match = walk(from: node, in: p, at: next)
                    if match.payload >= 0 && match.end > bestEnd {
                        bestEnd = match.end
                        best = match.payload
                    }
                }
            }
            if word {
                // ASCII fast path; a word with non-ASCII scalars is rescanned by `scanWord`.
                var scanned = ScannedWord(end: i, ascii: true, hash: ASCIIWordTable.seed, letterEnd: i)
                var j = i
                while j < n {
                    let c = p[j]
                    guard ScalarClass.isASCIIAlnum(c) else { break }
                    scanned.hash = ASCIIWordTable.mix(scanned.hash, c | 0x20)
                    j += 1
                }
                scanned.end = j
                if j == i || (j < n && p[j] >= 0x80) {
                    scanned = Self.scanWord(p, i)
                } else if ScalarClass.isASCIIDigit(p[j - 1]) {
                    // trailing digits (a handle such as `khan92`): where the letters end, and their hash
                    var k = j - 1
                    while k > i && ScalarClass.isASCIIDigit(p[k - 1]) { k -= 1 }
                    scanned.letterEnd = k
                    for b in UnsafeBufferPointer(rebasing: p[i..<k]) {
                        scanned.letterHash = ASCIIWordTable.mix(scanned.letterHash, b | 0x20)
                    }
                } else {
                    scanned.letterEnd = j
                }
                next = scanned.end
                let node: Int32
                if scanned.ascii {
                    node = table.lookup(scanned.hash, p, i, scanned.end)
                } else {
                    node = rootWords[Self.foldedWord(p, i, scanned.end)] ?? -1
                }
                if node >= 0 {
                    let match = walk(from: node, in: p, at: scanned.end)
                    if match.payload >= 0 && match.end > bestEnd && passes(match.payload, p, i, match.end) {
                        bestEnd = match.end
                        best = match.payload
                    }
                }
                if best < 0 && scanned.end > scanned.letterEnd && scanned.letterEnd > i,
                    case let stem = handleStem(p, i, scanned), stem >= 0
                {
                    bestEnd = scanned.end
                    best = stem
                }
            }
            if best >= 0 {
                body(i, bestEnd, best)
                i = bestEnd
            } else {
                i = next
            }
        }
    }

    /// Follows the text's tokens from `node` (whose first token ends at `position`); the longest key wins.
    private func walk(
        from node: Int32, in p: UnsafeBufferPointer<UInt8>, at position: Int
    ) -> (end: Int, payload: Int32) {
        var current = node
        var best: (end: Int, payload: Int32) = (position, nodes[Int(node)].payload)
        var j = position
        while !nodes[Int(current)].children.isEmpty, let token = Self.token(p, j) {
            guard let child = nodes[Int(current)].children[token.key] else { break }
            current = child
            j = token.end
            let payload = nodes[Int(current)].payload
            if payload >= 0 { best = (j, payload) }
        }
        return best
    }

    /// The token starting at byte `j`, or `nil` at the end of the text.
    private static func token(_ p: UnsafeBufferPointer<UInt8>, _ j: Int) -> (key: String, end: Int)? {
        guard j < p.count else { return nil }
        let (value, length) = ScalarClass.decode(p, j)
        if ScalarClass.isWord(value) {
            let scanned = scanWord(p, j)
            return (foldedWord(p, j, scanned.end), scanned.end)
        }
        if ScalarClass.isWhitespace(value) {
            var end = j + length
            while end < p.count {
                let next = ScalarClass.decode(p, end)
                guard ScalarClass.isWhitespace(next.value) else { break }
                end += next.length
            }
            return (spaceToken, end)
        }
        return (ScalarClass.punctuationKey(value), j + length)
    }

    /// A word the scanner read: where it ends, whether it is all ASCII, the hash of its lowercased bytes, and where
    /// its trailing digits start (with the hash up to there).
    struct ScannedWord {
        var end: Int
        var ascii: Bool
        var hash: UInt64
        var letterEnd: Int = 0
        var letterHash: UInt64 = ASCIIWordTable.seed
    }

    /// The word starting at `i`: letters, digits and marks of any script, with default-ignorable characters inside
    /// it skipped (`Ay\u{AD}esha` is one word); a Han, kana or Hangul scalar is a word of its own.
    @inline(never)
    static func scanWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScannedWord {
        var j = i
        var word = ScannedWord(end: i, ascii: true, hash: ASCIIWordTable.seed, letterEnd: i)
        if p[i] >= 0x80 {
            let (value, length) = ScalarClass.decode(p, i)
            if ScalarClass.isSingleScalarWord(value) {
                return ScannedWord(end: i + length, ascii: false, hash: word.hash, letterEnd: i + length)
            }
        }
        while j < p.count {
            let b = p[j]
            if b < 0x80 {
                guard ScalarClass.isASCIIAlnum(b) else { break }
                word.hash = ASCIIWordTable.mix(word.hash, b | 0x20)
                j += 1
                if b > 0x39 {
                    word.letterEnd = j
                    word.letterHash = word.hash
                }
            } else {
                let (value, length) = ScalarClass.decode(p, j)
                if ScalarClass.isSingleScalarWord(value) { break }
                if ScalarClass.isWord(value) {
                    word.ascii = false
                    j += length
                    if ScalarClass.decimalValue(value) == nil { word.letterEnd = j }
                    continue
                }
                guard ScalarClass.isIgnorable(value), j > i else { break }
                var k = j + length
                while k < p.count, p[k] >= 0x80, case let next = ScalarClass.decode(p, k),
                    ScalarClass.isIgnorable(next.value)
                {
                    k += next.length
                }
                guard k < p.count, ScalarClass.isWordAt(p, k),
                    p[k] < 0x80 || !ScalarClass.isSingleScalarWord(ScalarClass.decode(p, k).value)
                else { break }
                word.ascii = false
                j = k
            }
        }
        word.end = j
        return word
    }

    /// The skeleton of the word `p[start..<end]`.
    static func foldedWord(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        NameFold.fold(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
    }

    /// The payload of a name part or run-together name followed by digits (`ayeshakhan92`), or -1.
    @inline(never)
    func handleStem(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ scanned: ScannedWord) -> Int32 {
        let stem: Int32
        if scanned.ascii {
            stem = table.lookup(scanned.letterHash, p, i, scanned.letterEnd)
        } else {
            var scalars = Self.foldedWord(p, i, scanned.end).unicodeScalars
            while let last = scalars.last, last.value &- 0x30 < 10 { scalars.removeLast() }
            stem = rootWords[String(scalars)] ?? -1
        }
        guard stem >= 0 else { return -1 }
        let payload = nodes[Int(stem)].payload
        guard payload >= 0, !guardedPayloads[Int(payload)], payloadKinds[Int(payload)] != .term else { return -1 }
        return payload
    }

    /// Whether the match `p[start..<end]` may be replaced: always, unless its key is guarded (see `Payload`).
    @inline(__always)
    func passes(_ payload: Int32, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard guardedPayloads[Int(payload)] else { return true }
        return Self.looksLikeName(p, start, end)
    }

    /// A capitalised word (`Li`, `May`, `WILL`) not followed by a hyphen and a word (`Li-ion`) and not next to a
    /// number (`May 2019`, `5 May`).
    static func looksLikeName(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let first = ScalarClass.decode(p, start).value
        if first < 0x80 {
            guard first >= 0x41 && first <= 0x5A else { return false }
        } else {
            guard let scalar = Unicode.Scalar(first),
                scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
            else { return false }
        }
        let n = p.count
        if end < n {
            let (after, length) = ScalarClass.decode(p, end)
            if PhoneScanner.isDash(after) && ScalarClass.isWordAt(p, end + length) { return false }
        }
        var k = end
        while k < n && p[k] == ScalarClass.space { k += 1 }
        if k > end && k < n, ScalarClass.decimalValue(ScalarClass.decode(p, k).value) != nil { return false }
        var m = start
        while m > 0 && p[m - 1] == ScalarClass.space { m -= 1 }
        if m < start && m > 0,
            ScalarClass.decimalValue(ScalarClass.decode(p, ScalarClass.scalarStart(before: m, in: p)).value) != nil
        {
            return false
        }
        return true
    }
}
