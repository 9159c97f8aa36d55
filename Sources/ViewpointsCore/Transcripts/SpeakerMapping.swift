/// Who a speaker label is: the interviewer, or a participant named by their source identifier.
public enum SpeakerRole: Sendable, Equatable {
    case interviewer
    case participant(String)
}

/// How speaker labels become participants: a speaker map (`speaker,participant[,file]`), a label equal to a
/// participant's identifying value (their name or e-mail in the participants file), or one participant per file
/// (`--participant ID`) for one-to-one interviews. Labels such as `Interviewer` and `Q` are the interviewer unless
/// the map says otherwise.
public struct SpeakerMapping: Sendable {
    /// Normalised label → role, for every file.
    var entries: [String: SpeakerRole] = [:]
    /// File name or base → normalised label → role.
    var fileEntries: [String: [String: SpeakerRole]] = [:]
    /// Normalised identifying value → identifier.
    var identifying: [String: String] = [:]
    /// `--participant ID`: the one participant of every file.
    public var participant: String?

    public static let interviewerLabels: Set<String> = [
        "interviewer", "int", "i", "q", "question", "moderator", "facilitator", "researcher",
    ]

    public init(participants: [ParticipantsFile.Row] = [], participant: String? = nil) {
        self.participant = participant
        for row in participants {
            for value in [row.identifier] + row.identifyingValues + row.names where !value.isEmpty {
                let key = Self.key(value)
                if identifying[key] == nil { identifying[key] = row.identifier }
            }
        }
    }

    /// A label as compared: case folded, white space collapsed.
    public static func key(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The source identifiers this mapping names (redaction needs them when there is no participants file).
    public var identifiers: [String] {
        let all = Array(entries.values) + fileEntries.values.flatMap(\.values)
        var found = all.compactMap { role -> String? in
            if case .participant(let id) = role { return id } else { return nil }
        }
        if let participant { found.append(participant) }
        return found
    }

    /// The role of `label` in `transcript` from the map, the interviewer labels or identifying values; nil when
    /// only `--participant` could name it, or nothing.
    func known(_ label: String, in transcript: Transcript) -> SpeakerRole? {
        let key = Self.key(label)
        if let role = fileEntries[transcript.name]?[key] ?? fileEntries[transcript.base]?[key] ?? entries[key] {
            return role
        }
        if Self.interviewerLabels.contains(key) { return .interviewer }
        return identifying[key].map { .participant($0) }
    }

    /// Every label's role in `transcript`; an unmapped label (or, with `--participant`, more than one unknown
    /// label) is a problem at its first place, listing the labels found, and nil is returned.
    public func roles(for transcript: Transcript, problems: inout ProblemList) -> [String: SpeakerRole]? {
        var roles: [String: SpeakerRole] = [:]
        var unknown: [TranscriptTurn] = []
        var labels: [String] = []
        for turn in transcript.turns where !labels.contains(turn.speaker) {
            labels.append(turn.speaker)
            if let role = known(turn.speaker, in: transcript) {
                roles[turn.speaker] = role
            } else {
                unknown.append(turn)
            }
        }
        if let participant, unknown.count == 1 {
            roles[unknown[0].speaker] = .participant(participant)
            return roles
        }
        guard let first = unknown.first else { return roles }
        let list = labels.map { "'\($0)'" }.joined(separator: ", ")
        let advice =
            participant != nil && unknown.count > 1
            ? "--participant names one participant, but \(unknown.count) speakers are not the interviewer"
            : "map it with --speakers MAP.csv (speaker,participant), or use the participant's name as in the "
                + "participants file"
        problems.add(
            file: transcript.file, line: first.line, column: first.column,
            "speaker '\(first.speaker)' is not mapped to a participant or the interviewer; speakers in this file: "
                + "\(list); \(advice)")
        return nil
    }
}

extension SpeakerMapping {
    /// Reads a speaker map: `speaker,participant` and optionally `file` (a transcript's name, with or without
    /// its extension); participant is a source identifier or `interviewer`.
    public mutating func readMap(_ bytes: [UInt8], file: String) throws(ImportFailure) {
        var problems = ProblemList(file: file)
        var reader = CSVReader(bytes: bytes)
        do {
            guard let first = try reader.next() else {
                throw ImportFailure(problems: [
                    ImportProblem(file: file, line: 1, column: 1, message: "the speaker map is empty")
                ])
            }
            let header = CSVHeader(record: first, problems: &problems)
            guard let speaker = header.index("speaker"), let participant = header.index("participant") else {
                problems.add(
                    line: 1, column: 1, "a speaker map has the columns speaker,participant (and optionally file)")
                try problems.throwIfAny()
                return
            }
            let fileColumn = header.index("file")
            while let record = try reader.next() {
                guard let fields = header.fields(of: record, problems: &problems) else { continue }
                let label = Self.key(fields[speaker])
                let value = String(fields[participant].trimmedSpaces)
                guard !label.isEmpty, !value.isEmpty else {
                    problems.add(
                        line: record.line, column: 1, "give both the speaker label and the participant (or interviewer)"
                    )
                    continue
                }
                let role: SpeakerRole = value.lowercased() == "interviewer" ? .interviewer : .participant(value)
                let scope = fileColumn.map { String(fields[$0].trimmedSpaces) } ?? ""
                if scope.isEmpty { entries[label] = role } else { fileEntries[scope, default: [:]][label] = role }
            }
        } catch let error as ImportFailure {
            throw error
        } catch {
            problems.add(line: 1, column: 1, "the speaker map is not a readable CSV: \(error)")
        }
        try problems.throwIfAny()
    }
}
