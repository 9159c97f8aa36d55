/// How a report picks exemplar statements for a finding, and how long a quote may be.
public enum QuoteSelection {
    /// The characters a quote aims at; it is cut at the sentence boundary nearest to this.
    public static let target = 300

    /// Up to `limit` statements from different participants whose final stance is on `side`: strongest stance
    /// first, then the shorter text, then participant and statement order. Deterministic for the same input.
    public static func choose(_ candidates: [ReportQuote], side: ParticipantStance.Position, limit: Int)
        -> [ReportQuote]
    {
        let onSide = candidates.filter { ParticipantStance.position($0.stance) == side }
        let ordered = onSide.sorted { a, b in
            if abs(a.stance) != abs(b.stance) { return abs(a.stance) > abs(b.stance) }
            if a.text.count != b.text.count { return a.text.count < b.text.count }
            if a.participantNumber != b.participantNumber { return a.participantNumber < b.participantNumber }
            return a.statement < b.statement
        }
        var seen = Set<String>()
        var result: [ReportQuote] = []
        for quote in ordered where result.count < limit && seen.insert(quote.pseudonym).inserted {
            result.append(quote)
        }
        return result
    }

    /// The side a finding's quotes come from: the majority's (support when support ≥ oppose).
    public static func side(of tally: ConsensusTally) -> ParticipantStance.Position {
        tally.support >= tally.oppose ? .support : .oppose
    }

    /// `text` whole when it has at most `target` + 20% characters; otherwise cut after the sentence whose end
    /// is nearest to `target` (at least one sentence), or, when the first sentence alone is far longer, at the
    /// last word boundary before `target`; a cut text ends with " …".
    public static func excerpt(_ text: String, target: Int = QuoteSelection.target) -> String {
        let characters = Array(text)
        if characters.count <= target + target / 5 { return text }
        var ends: [Int] = []
        for index in characters.indices where ".!?".contains(characters[index]) {
            var next = index + 1
            while next < characters.count, "\"”’)".contains(characters[next]) { next += 1 }
            if next == characters.count || characters[next] == " " { ends.append(next) }
        }
        let near = ends.filter { $0 < characters.count }.min { abs($0 - target) < abs($1 - target) }
        if let near, near <= target * 3 / 2, near >= target / 3 {
            return String(characters[..<near]) + " …"
        }
        var cut = min(target, characters.count)
        while cut > 0, characters[cut] != " " { cut -= 1 }
        if cut == 0 { cut = target }
        let head = String(characters[..<cut])
        return head.trimmingSuffix() + " …"
    }
}

extension String {
    fileprivate func trimmingSuffix() -> String {
        var result = self
        while let last = result.last, last == " " || last == "," || last == ";" || last == ":" { result.removeLast() }
        return result
    }
}
