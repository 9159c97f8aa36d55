import ViewpointsCore

/// What a statement import knows before it reads a row: the study's participants, the key and the redactor.
struct StatementImportContext {
    var study: Study
    var options: StatementImportOptions
    /// Names the input in messages: the CSV's path, or the transcripts.
    var label: String
    var participantKey: StatementsFile.ParticipantKey
    var key: StudyKey?
    var byDigest: [String: StoredParticipant]
    var byPseudonym: [String: StoredParticipant]
    var withdrawnByDigest: [String: WithdrawnIdentity]
    var withdrawnByPseudonym: [String: WithdrawnIdentity]
    var redactor = Redactor(participants: [], terms: [])

    /// The stored participant a row names, or nil (withdrawn or unknown).
    func stored(_ value: String) -> StoredParticipant? {
        switch participantKey {
        case .identifier: byDigest[Hashing.hex(key!.digest(identifier: value))]
        case .pseudonym: byPseudonym[value.trimmingCharacters(in: .whitespaces)]
        }
    }

    /// The withdrawn participant a row names, if any.
    func withdrawn(_ value: String) -> WithdrawnIdentity? {
        participantKey == .identifier
            ? withdrawnByDigest[Hashing.hex(key!.digest(identifier: value))]
            : withdrawnByPseudonym[value.trimmingCharacters(in: .whitespaces)]
    }
}

/// What the statements pipeline remembers from row to row: participants resolved, seqs and ids used, redactions.
struct StatementRowState {
    /// Whether rows go straight into the statements table (else into the stage table).
    let direct: Bool
    var counts: [RedactionKind: Int] = [:]
    var nextSeq: [Int: Int] = [:]
    var seenSeq = Set<Int64>()  // participant number << 32 | seq; only needed when the file gives seq
    var identifiers: [String: StoredParticipant?] = [:]  // a file repeats few identifiers: hash each once
    var seenIDs: [String: Int] = [:]
    var rows = 0
    /// The rows the server took (COPY's count).
    var copied = 0
    /// Stage line → file and line, for rows from a source of several files (their lines are not unique).
    var places: [Int: (file: String, line: Int)] = [:]

    init(direct: Bool) { self.direct = direct }

    /// The COPY fields of `row`, or nil when it has a problem (added to `problems`) or an earlier row had one.
    mutating func fields(
        for row: StatementsFile.Row, context: StatementImportContext, hasSeqColumn: Bool, problems: inout ProblemList
    ) -> [CopyValue]? {
        guard let participant = participant(for: row, context: context, problems: &problems),
            let seq = seq(for: row, participant: participant, hasSeqColumn: hasSeqColumn, problems: &problems)
        else { return nil }
        // the table's seq is an integer: a larger one (from an id such as `P01:99999999999`) is the row's problem
        guard let seq32 = Int32(exactly: seq) else {
            Self.add(&problems, row, column: row.seqColumn, "seq \(seq) is too large; the largest is \(Int32.max)")
            return nil
        }
        // an id can be made from a name (`ayesha-khan-3`): it is redacted like the text
        let rowID = row.id.map { context.redactor.redactCounting($0, into: &counts) }
        let reference = rowID ?? "\(participant.pseudonym):\(seq)"
        if let id = rowID {
            if let earlier = seenIDs[id] {
                Self.add(
                    &problems, row, column: row.idColumn,
                    "'id' \(id) is already used on line \(earlier); statement ids must be unique")
                return nil
            }
            seenIDs[id] = row.line
        }
        let (text, question, source) = redact(row, context: context)
        guard problems.isEmpty else { return nil }
        let tail: [CopyValue] = [
            rowID.map(CopyValue.text) ?? .null, question.map(CopyValue.text) ?? .null,
            source.map(CopyValue.text) ?? .null, .text(text), .bytes(Hashing.sha256(text)),
        ]
        // ids are bigint columns read back as text: they always parse (-1 would fail the foreign key, not pass)
        let participantID = CopyValue.int64(Int64(participant.id) ?? -1)
        if direct {
            return [.int64(Int64(context.study.id) ?? -1), participantID, .int32(seq32)] + tail
        }
        var line = row.line
        if let file = row.file {
            line = rows
            places[line] = (file, row.line)
        }
        return [.int32(Int32(clamping: line)), participantID, .int32(seq32), tail[0], .text(reference)] + tail[1...]
    }

    /// The stored participant of `row`; a withdrawn or unknown one is a problem.
    mutating func participant(
        for row: StatementsFile.Row, context: StatementImportContext, problems: inout ProblemList
    ) -> StoredParticipant? {
        let participant: StoredParticipant?
        if context.participantKey == .identifier, let known = identifiers[row.participant] {
            participant = known
        } else {
            participant = context.stored(row.participant)
            if context.participantKey == .identifier, identifiers.count < 100_000 {
                identifiers[row.participant] = participant
            }
        }
        if let participant { return participant }
        if let gone = context.withdrawn(row.participant) {
            Self.add(
                &problems, row, column: row.participantColumn,
                "this participant withdrew consent as \(gone.pseudonym) on \(gone.date): "
                    + "remove their statements from the file")
            return nil
        }
        if context.participantKey == .identifier {
            Self.add(
                &problems, row, column: row.participantColumn,
                "'participant' is not a participant of study \(context.study.slug)",
                remedy: .importParticipants(file: nil))
        } else {
            Self.add(
                &problems, row, column: row.participantColumn,
                "'pseudonym' \(row.participant) is not a participant of study \(context.study.slug)")
        }
        return nil
    }

    /// The row's seq (given, or the next for its participant); a seq given twice for one participant is a problem.
    mutating func seq(
        for row: StatementsFile.Row, participant: StoredParticipant, hasSeqColumn: Bool, problems: inout ProblemList
    ) -> Int? {
        let previous = nextSeq[participant.number] ?? 0
        let seq = row.seq ?? previous + 1
        nextSeq[participant.number] = max(previous, seq)
        if hasSeqColumn, !seenSeq.insert(Int64(participant.number) << 32 | Int64(seq)).inserted {
            Self.add(
                &problems, row, column: row.seqColumn,
                "\(participant.pseudonym) already has a statement with seq \(seq) in this file; "
                    + "each participant's seq must be unique")
            return nil
        }
        return seq
    }

    /// Text, question and source redacted, counting replacements (and reporting each, when asked).
    mutating func redact(_ row: StatementsFile.Row, context: StatementImportContext) -> (String, String?, String?) {
        let redactor = context.redactor
        guard let onRedaction = context.options.onRedaction else {
            return (
                redactor.redactCounting(row.text, into: &counts),
                row.question.map { redactor.redactCounting($0, into: &counts) },
                row.source.map { redactor.redactCounting($0, into: &counts) }
            )
        }
        func apply(_ value: String) -> String {
            let (out, found) = redactor.redact(value)
            for item in found {
                counts[item.kind, default: 0] += 1
                onRedaction(row.line, item)
            }
            return out
        }
        return (apply(row.text), row.question.map(apply), row.source.map(apply))
    }

    /// Adds a problem at the row's file (when it came from one of several) and line.
    static func add(
        _ problems: inout ProblemList, _ row: StatementsFile.Row, column: Int, _ message: String,
        remedy: ImportRemedy? = nil
    ) {
        if let file = row.file {
            problems.add(file: file, line: row.line, column: column, message, remedy: remedy)
        } else {
            problems.add(line: row.line, column: column, message, remedy: remedy)
        }
    }
}
