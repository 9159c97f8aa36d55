/// Streams a statements CSV: `participant` (source identifier) or `pseudonym`, `text`, and optionally
/// `id`, `question`, `source`, `seq`. Rows are checked one by one; problems are collected, not thrown.
public struct StatementsFile {
    /// How rows name their participant.
    public enum ParticipantKey: Sendable, Equatable {
        case identifier
        case pseudonym
    }

    /// One statement row, checked for shape but not yet matched to a participant.
    public struct Row: Sendable {
        public var line: Int
        public var participant: String
        public var participantColumn: Int
        public var text: String
        public var id: String?
        public var idColumn: Int
        public var question: String?
        public var source: String?
        public var seq: Int?
        public var seqColumn: Int
        /// The file the row came from when a source reads several (transcripts); nil for a statements CSV.
        public var file: String? = nil
    }

    public static let columns = ["participant", "pseudonym", "text", "id", "question", "source", "seq", "statement"]

    public let path: String
    public let participantKey: ParticipantKey
    var reader: CSVReader
    let header: CSVHeader
    let participantIndex: Int
    let textIndex: Int
    let idIndex: Int?
    /// The id column is an export's `statement`: a PSEUDONYM:SEQ value there means "no id".
    let referenceColumn: Bool
    let questionIndex: Int?
    let sourceIndex: Int?
    let seqIndex: Int?

    /// Whether rows may give their own seq (else seq is the row's order for its participant, never repeated).
    public var hasSeqColumn: Bool { seqIndex != nil }

    /// Starts reading the file and checks its header; a bad header adds problems and returns nil.
    public static func open(_ file: InputFile, problems: inout ProblemList) throws -> StatementsFile? {
        let path = file.name
        var reader = CSVReader(file: file)
        guard let first = try reader.next() else {
            problems.add(
                line: 1, column: 1, "the file is empty; it needs a header with participant (or pseudonym) and text")
            return nil
        }
        let header = CSVHeader(record: first, problems: &problems)
        for (i, name) in header.names.enumerated() where !columns.contains(name) {
            problems.add(
                line: header.line, column: header.columns[i],
                "unknown column '\(name)'; a statements file has participant or pseudonym, text, and optionally "
                    + "id, question, source, seq (other columns could carry identifying data, so they are refused)")
        }
        // A Viewpoints export (`statement,participant,seq,…`) names participants by pseudonym and
        // statements by reference: it imports back as it was.
        let isExport = header.index("statement") != nil
        if isExport && header.index("id") != nil {
            problems.add(
                line: header.line, column: header.columns[header.index("id")!],
                "give either 'id' or 'statement' (the column of a Viewpoints export), not both")
        }
        var participant = header.index("participant")
        var pseudonym = header.index("pseudonym")
        if isExport && pseudonym == nil {
            pseudonym = participant
            participant = nil
        }
        if participant != nil && pseudonym != nil {
            problems.add(
                line: header.line, column: header.columns[pseudonym!],
                "give either 'participant' or 'pseudonym', not both")
        }
        if participant == nil && pseudonym == nil {
            problems.add(
                line: header.line, column: 1,
                "the header has neither 'participant' (source identifier) nor 'pseudonym' (P07); add one of them")
        }
        guard let text = header.index("text") else {
            problems.add(line: header.line, column: 1, "the header has no 'text' column; add the statement text")
            return nil
        }
        guard problems.isEmpty else { return nil }
        return StatementsFile(
            path: path, participantKey: participant != nil ? .identifier : .pseudonym, reader: reader, header: header,
            participantIndex: participant ?? pseudonym!, textIndex: text,
            idIndex: header.index("id") ?? header.index("statement"), referenceColumn: isExport,
            questionIndex: header.index("question"), sourceIndex: header.index("source"), seqIndex: header.index("seq"))
    }

    /// The next row that has the right shape; rows with problems are reported and skipped.
    public mutating func next(problems: inout ProblemList) throws -> Row? {
        while let record = try reader.next() {
            guard let fields = header.fields(of: record, problems: &problems) else { continue }
            func optional(_ index: Int?) -> String? {
                guard let index else { return nil }
                return StatementsFile.isBlank(fields[index]) ? nil : fields[index]
            }
            let participant = fields[participantIndex].trimmingCharacters(in: .whitespacesAndNewlines)
            let name = participantKey == .identifier ? "participant" : "pseudonym"
            var ok = true
            if participant.isEmpty {
                problems.add(
                    line: record.line, column: record.columns[participantIndex],
                    "'\(name)' is empty; every statement needs its participant")
                ok = false
            }
            let text = fields[textIndex]
            if StatementsFile.isBlank(text) {
                problems.add(
                    line: record.line, column: record.columns[textIndex],
                    "'text' is empty; remove the row or add the text")
                ok = false
            }
            var seq: Int?
            if let seqIndex, let raw = optional(seqIndex) {
                if let value = Int(raw.trimmingCharacters(in: .whitespaces)), value >= 1, value <= 1_000_000_000 {
                    seq = value
                } else {
                    problems.add(
                        line: record.line, column: record.columns[seqIndex],
                        "'seq' \"\(raw)\" is not a whole number ≥ 1; give the statement's position for its participant")
                    ok = false
                }
            }
            let id = checkedID(
                optional(idIndex)?.trimmingCharacters(in: .whitespaces), record: record, seq: &seq, ok: &ok,
                problems: &problems)
            guard ok else { continue }
            return Row(
                line: record.line, participant: participant, participantColumn: record.columns[participantIndex],
                text: text, id: id, idColumn: idIndex.map { record.columns[$0] } ?? 1,
                question: optional(questionIndex),
                source: optional(sourceIndex), seq: seq, seqColumn: seqIndex.map { record.columns[$0] } ?? 1)
        }
        return nil
    }

    /// The row's own statement id: nil when empty or a `PSEUDONYM:SEQ` reference of an export (whose seq is taken
    /// when the row gives none); one with a line break or that looks like a reference is a problem (`ok` false).
    func checkedID(
        _ given: String?, record: CSVRecord, seq: inout Int?, ok: inout Bool, problems: inout ProblemList
    ) -> String? {
        var id = given
        if let value = id, referenceColumn, StatementsFile.looksLikeReference(value) {
            id = nil
            if seq == nil, let number = value.split(separator: ":").last.flatMap({ Int($0) }) { seq = number }
        }
        guard let value = id, let idIndex else { return nil }
        if value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
            problems.add(
                line: record.line, column: record.columns[idIndex],
                "'id' contains a line break or tab; statement ids are single words like S0001")
            ok = false
        } else if StatementsFile.looksLikeReference(value) {
            problems.add(
                line: record.line, column: record.columns[idIndex],
                "'id' \(value) looks like a PSEUDONYM:SEQ reference; leave 'id' empty to use that form, "
                    + "or choose an id that does not look like one (e.g. S0001)")
            ok = false
        }
        return value
    }

    /// Whether a field holds nothing but white space (checks from the start and stops at the first letter).
    static func isBlank(_ s: String) -> Bool {
        for byte in s.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x80...: return !s.unicodeScalars.contains { !$0.properties.isWhitespace }
            default: return false
            }
        }
        return true
    }

    /// `P07:3` and the like: reserved for statements without an id.
    public static func looksLikeReference(_ s: String) -> Bool {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].first == "P", parts[0].count >= 2 else { return false }
        return parts[0].dropFirst().allSatisfy(\.isASCIIDigitLite) && !parts[1].isEmpty
            && parts[1].allSatisfy(\.isASCIIDigitLite)
    }
}

extension Character {
    var isASCIIDigitLite: Bool { ("0"..."9").contains(self) }
}

/// Rows of statements from any source: a statements CSV, or transcripts cut into segments. The statements
/// pipeline reads them one by one, so a source need not hold them all.
public protocol StatementRowSource {
    /// How rows name their participant.
    var participantKey: StatementsFile.ParticipantKey { get }
    /// Whether rows give their own seq.
    var hasSeqColumn: Bool { get }
    /// The next row that has the right shape; rows with problems are reported and skipped.
    mutating func next(problems: inout ProblemList) throws -> StatementsFile.Row?
}

extension StatementsFile: StatementRowSource {}
