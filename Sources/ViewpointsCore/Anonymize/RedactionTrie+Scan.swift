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
                var scanned: (end: Int, ascii: Bool, hash: UInt64) = (i, true, ASCIIWordTable.seed)
                var j = i
                while j < n {
                    let c = p[j]
                    guard ScalarClass.isASCIIAlnum(c) else { break }
                    scanned.hash = ASCIIWordTable.mix(scanned.hash, c | 0x20)
                    j += 1
                }
                scanned.end = j
                if j == i || (j < n && p[j] >= 0x80) { scanned = Self.scanWord(p, i) }
                next = scanned.end
                let node: Int32
                if scanned.ascii {
                    node = table.lookup(scanned.hash, p, i, scanned.end)
                } else {
                    node = rootWords[Self.lowercasedWord(p, i, scanned.end)] ?? -1
                }
                if node >= 0 {
                    let match = walk(from: node, in: p, at: scanned.end)
                    if match.payload >= 0 && match.end > bestEnd {
                        bestEnd = match.end
                        best = match.payload
                    }
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
            return (lowercasedWord(p, j, scanned.end), scanned.end)
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

    /// The end of the word starting at `i`, whether it is all ASCII, and the hash of its lowercased bytes.
    @inline(never)
    static func scanWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (end: Int, ascii: Bool, hash: UInt64) {
        var j = i
        var hash = ASCIIWordTable.seed
        var ascii = true
        while j < p.count {
            let b = p[j]
            if b < 0x80 {
                guard ScalarClass.isASCIIAlnum(b) else { break }
                hash = ASCIIWordTable.mix(hash, b | 0x20)
                j += 1
            } else {
                let (value, length) = ScalarClass.decode(p, j)
                guard ScalarClass.isWord(value) else { break }
                ascii = false
                j += length
            }
        }
        return (j, ascii, hash)
    }

    private static func lowercasedWord(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self).lowercased()
    }
}
