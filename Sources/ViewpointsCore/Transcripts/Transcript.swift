/// One paragraph of a transcript as written: a speaker's words, where they start, and when (for captions and
/// time-stamped notes).
public struct TranscriptParagraph: Sendable, Equatable {
    public var text: String
    /// 1-based line (for a docx: paragraph number) where the paragraph starts.
    public var line: Int
    /// `00:12:31`, when the transcript gives times.
    public var time: String?
}

/// A speaker's turn: a label and the paragraphs that follow it until the next speaker.
public struct TranscriptTurn: Sendable, Equatable {
    /// The label as written (`Ayesha Khan`, `Q`, `Interviewer`).
    public var speaker: String
    /// Where the label is.
    public var line: Int
    public var column: Int = 1
    public var paragraphs: [TranscriptParagraph]

    /// The turn's words, paragraphs separated by a blank line.
    public var text: String {
        paragraphs.count == 1 ? paragraphs[0].text : paragraphs.map(\.text).joined(separator: "\n\n")
    }
}

/// A transcript read from one file: its turns in order, what was left out, and warnings.
public struct Transcript: Sendable {
    /// The path, for messages.
    public var file: String
    public var turns: [TranscriptTurn] = []
    /// Parts not taken as speech, by kind (`comments`, `footnotes`, `headings`, `lines before the first speaker`).
    public var leftOut: [String: Int] = [:]
    /// Things the reader noticed but accepted (times out of order), at FILE:LINE.
    public var warnings: [ImportProblem] = []

    public init(file: String) { self.file = file }

    /// The file name without folders (`interview-07.vtt`), used in statements' source.
    public var name: String { String(file.split(separator: "/").last ?? Substring(file)) }

    /// The file name without its extension (`interview-07`), used in statement ids.
    public var base: String {
        let name = self.name
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Appends a paragraph: a new turn when `speaker` is given, else a continuation of the last turn.
    /// Returns false (and adds nothing) for a continuation before any speaker.
    @discardableResult
    mutating func add(_ paragraph: TranscriptParagraph, speaker: String?, column: Int = 1, merge: Bool = false)
        -> Bool
    {
        if let speaker {
            if merge, let last = turns.last, last.speaker == speaker {
                turns[turns.count - 1].paragraphs.append(paragraph)
            } else {
                turns.append(
                    TranscriptTurn(speaker: speaker, line: paragraph.line, column: column, paragraphs: [paragraph]))
            }
            return true
        }
        guard !turns.isEmpty else { return false }
        turns[turns.count - 1].paragraphs.append(paragraph)
        return true
    }

    /// Counts something left out.
    mutating func leave(_ kind: String, _ count: Int = 1) {
        guard count > 0 else { return }
        leftOut[kind, default: 0] += count
    }
}

/// The transcript formats `import transcripts` reads, by file extension.
public enum TranscriptFormat: String, Sendable, CaseIterable {
    case text = "txt"
    case markdown = "md"
    case webVTT = "vtt"
    case srt
    case docx

    /// The format of `path` by its extension (case-insensitive), or nil.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// Limits that keep a hostile file from exhausting memory.
    public static let largestFile = 256 << 20
    /// The longest paragraph kept, in UTF-8 bytes: longer ones are refused (a statement is read by a coder).
    public static let longestParagraph = 1 << 20

    /// Reads a transcript of this format from the file's bytes; problems (bad encoding, no speakers, hostile
    /// content) are thrown with FILE:LINE:COLUMN.
    public func read(_ bytes: [UInt8], file: String) throws(ImportFailure) -> Transcript {
        var problems = ProblemList(file: file)
        let transcript: Transcript?
        switch self {
        case .text, .markdown:
            transcript = TextDecoding.decode(bytes, problems: &problems).map {
                PlainTranscriptReader(markdown: self == .markdown).read($0, file: file, problems: &problems)
            }
        case .webVTT, .srt:
            transcript = TextDecoding.decode(bytes, problems: &problems).map {
                CaptionReader(vtt: self == .webVTT).read($0, file: file, problems: &problems)
            }
        case .docx:
            transcript = DocxReader().read(bytes, file: file, problems: &problems)
        }
        if let transcript {
            Self.checkLengths(transcript, problems: &problems)
            if transcript.turns.isEmpty && problems.isEmpty {
                problems.add(
                    line: 1, column: 1,
                    "no speaker labels found; start each turn with a label such as `Interviewer:` or `Ayesha Khan:`")
            }
        }
        try problems.throwIfAny()
        guard let transcript else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, column: 1, message: "unreadable file")])
        }
        return transcript
    }

    static func checkLengths(_ transcript: Transcript, problems: inout ProblemList) {
        for turn in transcript.turns {
            for paragraph in turn.paragraphs where paragraph.text.utf8.count > longestParagraph {
                problems.add(
                    line: paragraph.line, column: 1,
                    "this paragraph is \(paragraph.text.utf8.count >> 20) MB long; paragraphs over 1 MB are refused "
                        + "(is the file a transcript?)")
            }
        }
    }
}
