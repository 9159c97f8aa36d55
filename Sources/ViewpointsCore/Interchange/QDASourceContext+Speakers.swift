extension QDASourceContext {
    /// What a paragraph of a text source becomes.
    enum Part: Equatable {
        /// A statement of the source's participant, with the interviewer's turn before it as its question.
        case statement(String, question: String?)
        /// Not a statement: a coding on it alone is skipped for this reason.
        case leftOut(QDAProjectImport.Skip)
        case blank
    }

    /// The source's paragraphs (trimmed) as statements. A source where some paragraph starts with the interviewer's
    /// speaker label, as `import transcripts` knows them (`Interviewer:`, `I:`, `Q:` …, or a label `--speakers` maps
    /// to `interviewer`, for every source or for this one by name), is an interview: the interviewer's paragraphs are
    /// the question of the participant's paragraphs that follow. When the participant's turns are labelled too, the
    /// source is read as a transcript is: a paragraph without a label continues the last speaker's turn, the
    /// participant's labels are taken off, and the paragraphs before the first label (a title, a date) are left out.
    /// When only the interviewer is labelled, every other paragraph is the participant's, as written (a label that is
    /// neither the interviewer's nor a participant's, see `roles`, is read as words). In any other
    /// source (and in a project Viewpoints wrote) every paragraph that is not blank is a statement, as written.
    func parts(_ texts: [String], source name: String) -> [Part] {
        let labels = viewpoints ? [] : roles(texts.map { SpeakerLabel.parse(Substring($0)) }, source: name)
        guard labels.contains(where: { $0?.interviewer == true }) else {
            return texts.map { $0.isEmpty ? .blank : .statement($0, question: nil) }
        }
        let turns = labels.contains { $0?.interviewer == false }
        var parts: [Part] = []
        // nil before the first label of a transcript, else whether the interviewer is speaking
        var asking: Bool? = turns ? nil : false
        var question: String?
        var newTurn = false
        for (index, text) in texts.enumerated() {
            guard !text.isEmpty else {
                parts.append(.blank)
                continue
            }
            var words = text
            if let role = labels[index] {
                asking = role.interviewer
                words = role.words
                newTurn = true
            } else if !turns {
                asking = false
            }
            switch asking {
            case nil:
                parts.append(.leftOut(.codingBeforeFirstSpeaker))
            case true?:
                // the interviewer's turn, its paragraphs separated by a blank line, is the question until the next
                if !words.isEmpty {
                    question = newTurn ? words : (question.map { $0 + "\n\n" } ?? "") + words
                    newTurn = false
                }
                parts.append(.leftOut(.codingOnInterviewer))
            case false?:
                parts.append(words.isEmpty ? .leftOut(.codingOnSpeakerLabel) : .statement(words, question: question))
            }
        }
        return parts
    }

    /// Each paragraph's speaker label, when it has one: the interviewer's, or the participant's (a label the
    /// speaker map or the participants file names for a participant, or one that starts two paragraphs or more), with
    /// the words after it. A label of neither kind (`Yes: we signed it.` once) is no label but the paragraph's words.
    func roles(_ labels: [SpeakerLabel?], source name: String) -> [(interviewer: Bool, words: String)?] {
        let transcript = Transcript(file: name)
        var uses: [String: Int] = [:]
        for label in labels { if let label { uses[SpeakerMapping.key(label.speaker), default: 0] += 1 } }
        return labels.map { label in
            guard let label else { return nil }
            switch speakers.known(label.speaker, in: transcript) {
            case .interviewer?: return (true, String(label.rest))
            case .participant?: return (false, String(label.rest))
            case nil:
                return uses[SpeakerMapping.key(label.speaker), default: 0] >= 2 ? (false, String(label.rest)) : nil
            }
        }
    }
}
