/// Captions: WebVTT (`<v Speaker>` voice spans, or a label in the cue text) and SRT (a label in the cue text).
/// Consecutive cues of one speaker become one turn of one paragraph, timed by its first cue.
struct CaptionReader {
    let vtt: Bool

    /// One cue: where it is, its times, and its text split by speaker (a cue may hold several voices).
    struct Cue {
        /// The line of the cue's text, and of its timing.
        var line: Int
        var timingLine: Int
        var start: Int
        var end: Int
        var parts: [(speaker: String?, text: String)]
    }

    func read(_ text: String, file: String, problems: inout ProblemList) -> Transcript {
        var transcript = Transcript(file: file)
        var blocks = Self.blocks(TextDecoding.lines(text))
        if vtt {
            guard let header = blocks.first, header.lines[0].hasPrefix("WEBVTT") else {
                problems.add(line: 1, column: 1, "a WebVTT file starts with the line WEBVTT; is this a .vtt file?")
                return transcript
            }
            blocks.removeFirst()
        }
        var previous: Cue?
        for block in blocks {
            guard let cue = cue(block, transcript: &transcript) else { continue }
            check(cue, after: previous, transcript: &transcript)
            previous = cue
            for part in cue.parts where !part.text.isEmpty {
                append(part, cue: cue, to: &transcript)
            }
        }
        return transcript
    }

    /// Adds a cue's part: to the last turn when the speaker is the same (or not named), else as a new turn.
    func append(_ part: (speaker: String?, text: String), cue: Cue, to transcript: inout Transcript) {
        if let last = transcript.turns.last, part.speaker == nil || part.speaker == last.speaker {
            transcript.turns[transcript.turns.count - 1].paragraphs[0].text += " " + part.text
            return
        }
        guard let speaker = part.speaker else {
            transcript.leave("cues before the first speaker")
            return
        }
        let paragraph = TranscriptParagraph(text: part.text, line: cue.line, time: CaptionTime.format(cue.start))
        transcript.turns.append(TranscriptTurn(speaker: speaker, line: cue.line, paragraphs: [paragraph]))
    }

    /// Warns of a cue that ends before it starts, or starts before the previous one ended.
    func check(_ cue: Cue, after previous: Cue?, transcript: inout Transcript) {
        if cue.end < cue.start {
            transcript.warnings.append(
                ImportProblem(
                    file: transcript.file, line: cue.timingLine, column: 1,
                    message: "this cue ends (\(CaptionTime.format(cue.end))) before it starts; times kept as written"))
        } else if let previous, cue.start < previous.end {
            let what = cue.start < previous.start ? "before the previous cue starts" : "while the previous cue runs"
            transcript.warnings.append(
                ImportProblem(
                    file: transcript.file, line: cue.timingLine, column: 1,
                    message: "this cue starts \(what) (line \(previous.timingLine)); cues kept in file order"))
        }
    }

    /// Non-empty runs of lines and the line number of each run's first line.
    static func blocks(_ lines: [Substring]) -> [(line: Int, lines: [Substring])] {
        var blocks: [(line: Int, lines: [Substring])] = []
        var current: [Substring] = []
        var start = 1
        for (index, line) in lines.enumerated() {
            if line.trimmedSpaces.isEmpty {
                if !current.isEmpty { blocks.append((start, current)) }
                current = []
            } else {
                if current.isEmpty { start = index + 1 }
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append((start, current)) }
        return blocks
    }

    /// The cue of a block, or nil for a note, style or region block or one without a timing line (counted).
    func cue(_ block: (line: Int, lines: [Substring]), transcript: inout Transcript) -> Cue? {
        let first = block.lines[0]
        if vtt && (first.hasPrefix("NOTE") || first.hasPrefix("STYLE") || first.hasPrefix("REGION")) {
            transcript.leave("notes and styles")
            return nil
        }
        guard let timing = block.lines.prefix(2).firstIndex(where: { $0.contains("-->") }),
            let (start, end) = Self.times(block.lines[timing])
        else {
            transcript.leave("blocks without cue times")
            return nil
        }
        let payload = block.lines[(timing + 1)...].map { $0.trimmedSpaces }
            .joined(separator: " ")
        return Cue(
            line: block.line + timing + 1, timingLine: block.line + timing, start: start, end: end,
            parts: Self.parts(payload))
    }

    /// Start and end of `00:00:01.000 --> 00:00:04.000 settings`.
    static func times(_ line: Substring) -> (Int, Int)? {
        let bytes = line.utf8
        guard
            let dash = bytes.indices.first(where: { i in
                bytes[i] == UInt8(ascii: "-") && line[i...].hasPrefix("-->")
            })
        else { return nil }
        let after = line.utf8.index(dash, offsetBy: 3)
        let end = line[after...].trimmedSpaces.prefix(while: { $0 != " " && $0 != "\t" })
        guard let a = CaptionTime.milliseconds(line[..<dash].trimmedSpaces), let b = CaptionTime.milliseconds(end)
        else { return nil }
        return (a, b)
    }

    /// A cue's text split at voice spans (`<v Ayesha>…`), tags removed and entities decoded; without a voice
    /// span, a leading `Name:` label names the speaker.
    static func parts(_ payload: String) -> [(speaker: String?, text: String)] {
        var parts: [(speaker: String?, text: String)] = []
        var speaker: String?
        var text = ""
        var rest = Substring(payload)
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "<")) {
            text += rest[..<open]
            guard let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: ">")) else {
                text += rest[open...]
                rest = ""
                break
            }
            let tag = rest[rest.index(after: open)..<close]
            if tag.hasPrefix("v ") || tag.hasPrefix("v.") || tag.hasPrefix("v\t") {
                if !text.trimmedSpaces.isEmpty || speaker != nil {
                    parts.append((speaker, text))
                }
                text = ""
                let name = String(tag.drop(while: { $0 != " " && $0 != "\t" }).trimmedSpaces)
                speaker = name.isEmpty ? nil : decodeEntities(name)
            }
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        parts.append((speaker, text))
        return parts.map { part in
            var (speaker, text) = (part.speaker, String(decodeEntities(part.text).trimmedSpaces))
            if speaker == nil, let label = SpeakerLabel.parse(Substring(text)), label.time == nil {
                (speaker, text) = (label.speaker, String(label.rest))
            }
            return (speaker, TextDecoding.collapsingSpaces(text))
        }
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, `&lrm;`, `&rlm;` and numeric references.
    static func decodeEntities(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        let named = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "lrm": "\u{200E}",
            "rlm": "\u{200F}",
        ]
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var value: String? = named[String(name)]
                if value == nil, name.hasPrefix("#") {
                    let digits = name.dropFirst()
                    let code = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                    value = code.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
                if let value {
                    out += value
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}
