import ViewpointsCore

extension QDAProjectImport.Skip {
    /// What was left out, in the singular and the plural (after the count).
    var words: (singular: String, plural: String) {
        switch self {
        case .notText(let kind): ("\(kind) (not text)", "\(kind)s (not text)")
        case .outsideArchive: ("text source outside the archive", "text sources outside the archive")
        case .missingFile: ("text source referenced but missing", "text sources referenced but missing")
        case .notUnicode: ("text source neither UTF-8 nor UTF-16", "text sources neither UTF-8 nor UTF-16")
        case .memo:
            ("selection without a coding (a memo or annotation)", "selections without a coding (memos or annotations)")
        case .codeNotInCodebook: ("coding of a code not in the codebook", "codings of codes not in the codebook")
        case .codingOnTheme: ("coding on a theme (themes are not coded)", "codings on a theme (themes are not coded)")
        case .codingOnInterviewer: ("coding of the interviewer's words only", "codings of the interviewer's words only")
        case .codingBeforeFirstSpeaker:
            ("coding of a paragraph before the first speaker", "codings of paragraphs before the first speaker")
        case .codingOnSpeakerLabel: ("coding of a speaker label only", "codings of a speaker label only")
        case .paragraphBeforeFirstSpeaker:
            ("paragraph before the first speaker", "paragraphs before the first speaker")
        case .variablesOfSharedSource:
            ("source in several Cases (its variables left out)", "sources in several Cases (their variables left out)")
        }
    }

    /// `2 PDF sources (not text)`.
    func counted(_ count: Int) -> String {
        count == 1 ? "1 \(words.singular)" : "\(count) \(words.plural)"
    }
}
