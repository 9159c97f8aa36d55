/// Replaces e-mail addresses, phone numbers, participants' identifying values and names, and listed terms.
///
/// Built once per import and applied to every statement. Redaction is one left-to-right pass, leftmost-longest;
/// among matches of equal start and length the priority is: e-mail `[EMAIL]`, phone `[PHONE]`, a participant's
/// full identifying value `[P07]`, a name part unique to one participant `[P07]`, a name part shared by several
/// (or belonging to a withdrawn participant) `[NAME]`, a listed term `[REDACTED]`. Values, names and terms match as
/// whole words (Unicode word boundaries) compared by their skeletons (`NameFold`: case-folded, without diacritics
/// or invisible characters), any run of white space in the text matching one space; a possessive `'s` stays
/// (`Khan's view` → `[P07]'s view`). Name parts also match in their transliterations (`Mueller`), run together
/// (`AyeshaKhan`, `OBrien`) and followed by digits (`ayeshakhan92`); a name part that is an ordinary word or has
/// two letters (`May`, `Li`) only when capitalised, not next to a number and not before a hyphenated word. See
/// `PhoneScanner` and `EmailScanner` for those patterns.
public struct Redactor: Sendable {
    let trie: RedactionTrie

    /// Builds a redactor for the participants of one import and the user's `--redact` terms.
    public init(participants: [RedactionParticipant], terms: [String]) {
        var trie = RedactionTrie()
        var partOwners: [[String]: Set<String>] = [:]
        var partGuarded: [[String]: Bool] = [:]
        var partOrder: [[String]] = []
        for participant in participants {
            let replacement = participant.withdrawn ? "[NAME]" : "[\(participant.pseudonym)]"
            let owner = participant.withdrawn ? "" : participant.pseudonym
            for value in participant.identifyingValues {
                trie.insert(
                    tokens: RedactionTrie.tokenize(value), kind: participant.withdrawn ? .sharedName : .participant,
                    replacement: replacement, rank: RedactionTrie.fullValueRank)
            }
            for part in NameParts.expand(participant.nameParts) {
                let tokens = RedactionTrie.tokenize(part.text)
                guard !tokens.isEmpty else { continue }
                if partOwners[tokens] == nil { partOrder.append(tokens) }
                partOwners[tokens, default: []].insert(owner)
                partGuarded[tokens] = (partGuarded[tokens] ?? true) && part.guarded
            }
        }
        for tokens in partOrder {
            let owners = partOwners[tokens] ?? []
            let guarded = partGuarded[tokens] ?? false
            if owners.count == 1, let pseudonym = owners.first, !pseudonym.isEmpty {
                trie.insert(
                    tokens: tokens, kind: .participant, replacement: "[\(pseudonym)]",
                    rank: RedactionTrie.uniquePartRank, guarded: guarded)
            } else {
                trie.insert(
                    tokens: tokens, kind: .sharedName, replacement: "[NAME]", rank: RedactionTrie.sharedPartRank,
                    guarded: guarded)
            }
        }
        for term in terms {
            trie.insert(
                tokens: RedactionTrie.tokenize(term), kind: .term, replacement: "[REDACTED]",
                rank: RedactionTrie.termRank)
        }
        trie.finish()
        self.trie = trie
    }

    /// The redacted text and every replacement made, with ranges in Unicode scalars of the input.
    public func redact(_ text: String) -> (text: String, redactions: [Redaction]) {
        var utf8 = text
        return utf8.withUTF8 { p -> (String, [Redaction]) in
            var out: [UInt8] = []
            var redactions: [Redaction] = []
            var last = 0
            var scalarsBefore = 0
            trie.forEachMatch(in: p) { start, end, index in
                let payload = trie.payloads[Int(index)]
                if redactions.isEmpty { out.reserveCapacity(p.count + 16) }
                let gap = UnsafeBufferPointer(rebasing: p[last..<start])
                let matched = UnsafeBufferPointer(rebasing: p[start..<end])
                scalarsBefore += Self.scalarCount(gap)
                let length = Self.scalarCount(matched)
                out.append(contentsOf: gap)
                out.append(contentsOf: payload.bytes)
                redactions.append(
                    Redaction(
                        kind: payload.kind, original: String(decoding: matched, as: UTF8.self),
                        replacement: payload.replacement, range: scalarsBefore..<(scalarsBefore + length)))
                scalarsBefore += length
                last = end
            }
            guard !redactions.isEmpty else { return (text, []) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[last..<p.count]))
            return (String(decoding: out, as: UTF8.self), redactions)
        }
    }

    /// The redacted text, adding the number of replacements of each kind to `counts`; no `Redaction` values.
    ///
    /// A text without matches is returned as is, without copying.
    public func redactCounting(_ text: String, into counts: inout [RedactionKind: Int]) -> String {
        var utf8 = text
        return utf8.withUTF8 { p -> String in
            var out: [UInt8] = []
            var matched = false
            var last = 0
            trie.forEachMatch(in: p) { start, end, index in
                let payload = trie.payloads[Int(index)]
                if !matched {
                    matched = true
                    out.reserveCapacity(p.count + 16)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[last..<start]))
                out.append(contentsOf: payload.bytes)
                counts[payload.kind, default: 0] += 1
                last = end
            }
            guard matched else { return text }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[last..<p.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
