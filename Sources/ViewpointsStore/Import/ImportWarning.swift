/// Something an import did or assumed that the user should know; the executable words it.
public enum ImportWarning: Sendable, Equatable {
    /// `--order file`: pseudonyms follow the file's order.
    case fileOrder
    /// A participant identifier mixes letters of several scripts (look-alike letters).
    case mixedScript(file: String, line: Int, scripts: [String])
    /// A row of a person who withdrew consent was skipped.
    case withdrawn(file: String, line: Int, pseudonym: String, date: String)
    /// No participants file: names are redacted only where they equal the statements file's participant column.
    case namesFromParticipantColumnOnly
    /// No participants file and no identifiers in the statements: names are not redacted.
    case namesNotRedacted
}
