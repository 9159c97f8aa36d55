/// Plain-text and Markdown transcripts: a paragraph that starts with a speaker label starts a turn; lines that
/// follow it belong to it; paragraphs without a label (after a blank line) continue the last speaker's turn.
struct PlainTranscriptReader {
    let markdown: Bool

    /// A paragraph being read: its label (nil for a continuation), where it starts, and its lines.
    struct Pending {
        var label: SpeakerLabel?
        var line: Int
        var lines: [Substring]
    }

    func read(_ text: String, file: String, problems: inout ProblemList) -> Transcript {
        var transcript = Transcript(file: file)
        var pending: Pending?
        var orphans = 0
        for (index, raw) in TextDecoding.lines(text).enumerated() {
            let line = raw.trimmedSpaces
            if line.isEmpty || markdown && isMarkup(line) {
                if let done = pending, !flush(done, into: &transcript) { orphans += 1 }
                pending = nil
                if !line.isEmpty { transcript.leave("headings and rules") }
                continue
            }
            if let label = SpeakerLabel.parse(raw) {
                if let done = pending, !flush(done, into: &transcript) { orphans += 1 }
                pending = Pending(label: label, line: index + 1, lines: label.rest.isEmpty ? [] : [label.rest])
            } else if pending != nil {
                pending!.lines.append(line)
            } else {
                pending = Pending(label: nil, line: index + 1, lines: [line])
            }
        }
        if let done = pending, !flush(done, into: &transcript) { orphans += 1 }
        transcript.leave("paragraphs before the first speaker", orphans)
        transcript.turns.removeAll { $0.paragraphs.isEmpty }
        return transcript
    }

    /// Adds the paragraph; false when it is a continuation before any speaker.
    func flush(_ pending: Pending, into transcript: inout Transcript) -> Bool {
        let text = pending.lines.count == 1 ? String(pending.lines[0]) : pending.lines.joined(separator: " ")
        let paragraph = TranscriptParagraph(text: text, line: pending.line, time: pending.label?.time)
        guard let label = pending.label else { return transcript.add(paragraph, speaker: nil) }
        if text.isEmpty {
            // `**Ayesha:**` alone on a line: her words follow in the next paragraphs
            transcript.turns.append(
                TranscriptTurn(speaker: label.speaker, line: pending.line, column: label.column, paragraphs: []))
            return true
        }
        return transcript.add(paragraph, speaker: label.speaker, column: label.column)
    }

    /// Markdown headings, rules and front-matter fences: not speech.
    func isMarkup(_ line: Substring) -> Bool {
        guard let first = line.utf8.first else { return false }
        if first == UInt8(ascii: "#") { return true }
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_") else {
            return false
        }
        var count = 0
        for byte in line.utf8 {
            if byte == first {
                count += 1
            } else if byte != 0x20 {
                return false
            }
        }
        return count >= 3
    }
}
