/// How transcripts are cut into statements: one per participant turn, or one per paragraph.
public enum TranscriptSplit: String, Sendable, CaseIterable {
    case turn, paragraph
}

/// A statement cut from a transcript, with the speaker label it came from.
public struct TranscriptSegment: Sendable {
    public var speaker: String
    public var row: StatementsFile.Row
}

extension Transcript {
    /// The transcript's statements: each participant turn (or paragraph) with the interviewer's last turn as its
    /// question, `source` naming the file and the time or line, and the id `FILEBASE-NNN` in transcript order.
    /// Interviewer turns are questions, not statements.
    public func segments(roles: [String: SpeakerRole], split: TranscriptSplit) -> [TranscriptSegment] {
        var segments: [TranscriptSegment] = []
        var question: String?
        let (name, base) = (self.name, self.base)
        for turn in turns {
            guard case .participant(let identifier) = roles[turn.speaker] else {
                question = turn.text
                continue
            }
            let pieces =
                split == .turn
                ? [
                    turn.paragraphs.count == 1
                        ? turn.paragraphs[0]
                        : TranscriptParagraph(
                            text: turn.text, line: turn.paragraphs[0].line, time: turn.paragraphs[0].time)
                ]
                : turn.paragraphs
            for piece in pieces where !StatementsFile.isBlank(piece.text) {
                let number = segments.count + 1
                let id = base + "-" + (number < 10 ? "00" : number < 100 ? "0" : "") + String(number)
                let source = piece.time.map { "\(name) \($0)" } ?? "\(name):\(piece.line)"
                let row = StatementsFile.Row(
                    line: piece.line, participant: identifier, participantColumn: turn.column, text: piece.text, id: id,
                    idColumn: 1, question: question, source: source, seq: nil, seqColumn: 1, file: file)
                segments.append(TranscriptSegment(speaker: turn.speaker, row: row))
            }
        }
        return segments
    }
}

/// Transcripts as a source of statement rows for the statements pipeline: read one file at a time (through
/// `read`, which the caller supplies, so Core opens no file), so memory stays flat over many transcripts.
public struct TranscriptRows: StatementRowSource {
    public let participantKey = StatementsFile.ParticipantKey.identifier
    public let hasSeqColumn = false
    public let paths: [String]
    let read: (String) throws -> [UInt8]
    public let mapping: SpeakerMapping
    public let split: TranscriptSplit
    /// How many segments to keep for `--show-segments`.
    let previewCount: Int
    public private(set) var preview: [TranscriptSegment] = []
    /// Warnings of every file read (times out of order), at FILE:LINE.
    public private(set) var warnings: [ImportProblem] = []
    /// What was left out, by kind, over all files.
    public private(set) var leftOut: [String: Int] = [:]
    public private(set) var filesRead = 0
    var next = 0
    var pending: [TranscriptSegment] = []
    var pendingIndex = 0
    var bases: [String: String] = [:]

    public init(
        paths: [String], mapping: SpeakerMapping, split: TranscriptSplit = .turn, preview: Int = 0,
        read: @escaping (String) throws -> [UInt8]
    ) {
        self.paths = paths
        self.mapping = mapping
        self.split = split
        self.previewCount = preview
        self.read = read
    }

    public mutating func next(problems: inout ProblemList) throws -> StatementsFile.Row? {
        while pendingIndex == pending.count {
            guard next < paths.count else { return nil }
            let path = paths[next]
            next += 1
            pending = load(path, problems: &problems)
            pendingIndex = 0
        }
        let segment = pending[pendingIndex]
        pendingIndex += 1
        if preview.count < previewCount { preview.append(segment) }
        return segment.row
    }

    /// One file's segments; its problems are added to `problems` and give no segments.
    mutating func load(_ path: String, problems: inout ProblemList) -> [TranscriptSegment] {
        do {
            guard let format = TranscriptFormat(path: path) else {
                throw ImportFailure(problems: [
                    ImportProblem(
                        file: path, line: 1, column: 1,
                        message: "not a transcript format (.txt, .md, .vtt, .srt or .docx)")
                ])
            }
            let transcript = try format.read(try read(path), file: path)
            if let other = bases[transcript.base] {
                throw ImportFailure(problems: [
                    ImportProblem(
                        file: path, line: 1, column: 1,
                        message: "\(other) has the same name before its extension; statement ids "
                            + "(\(transcript.base)-001) would clash: rename one of them")
                ])
            }
            bases[transcript.base] = path
            filesRead += 1
            warnings += transcript.warnings
            leftOut.merge(transcript.leftOut, uniquingKeysWith: +)
            guard let roles = mapping.roles(for: transcript, problems: &problems) else { return [] }
            return transcript.segments(roles: roles, split: split)
        } catch let failure as ImportFailure {
            for problem in failure.problems {
                problems.add(file: problem.file, line: problem.line, column: problem.column, problem.message)
            }
        } catch {
            problems.add(file: path, line: 1, column: 1, "cannot read the file: \(error)")
        }
        return []
    }
}
