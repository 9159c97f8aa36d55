import ViewpointsStore

extension ImportWarning {
    /// The warning as the user reads it after `viewpoints: warning: `.
    var sentence: String {
        switch self {
        case .fileOrder:
            "--order file: pseudonyms follow the file's order; if the file is alphabetical, P01 is the first name "
                + "of any published list"
        case .mixedScript(let file, let line, let scripts):
            "\(file):\(line): 'participant' mixes \(scripts.joined(separator: " and ")) letters; if it is meant to be "
                + "a person already listed, fix the look-alike letters, or it is stored as another participant"
        case .withdrawn(let file, let line, let pseudonym, let date):
            "\(file):\(line): skipped: this person withdrew consent as \(pseudonym) on \(date); "
                + "a withdrawn participant is never imported again"
        case .namesFromParticipantColumnOnly:
            "no --participants FILE: names are redacted only where written as this file names its participants "
                + "(its participant column, or a project's Case names); pass the participants CSV to redact every "
                + "participant's name, e-mail and phone"
        case .namesNotRedacted:
            "no --participants FILE: only e-mail addresses, phone numbers and --redact terms are redacted; "
                + "pass the participants CSV to redact participants' names too"
        }
    }
}
