/// What a redaction replaced.
public enum RedactionKind: String, Sendable, CaseIterable {
    /// An e-mail address, replaced by `[EMAIL]`.
    case email
    /// A telephone number, replaced by `[PHONE]`.
    case phone
    /// A participant's full identifying value or a name part unique to them, replaced by `[P07]`.
    case participant
    /// A name part (or value) shared by several participants, replaced by `[NAME]`.
    case sharedName
    /// A term from the user's `--redact` list, replaced by `[REDACTED]`.
    case term
}
