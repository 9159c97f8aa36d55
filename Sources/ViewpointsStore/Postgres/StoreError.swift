/// Everything that can go wrong in the store, with what the program was doing and, as data, which rule refused
/// (`reason`). Store's `message` and `hint` speak of data and rules only; the remedy that names a command or a
/// flag is worded by the program that shows the error (the executable's `StoreError+Words.swift`).
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// Broad classes, each mapped to one exit status (sysexits).
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached or PostgreSQL's programs are missing (69).
        case unavailable
        /// Key missing or mismatched, migrations pending, a setting that must change (78).
        case configuration
        /// The input data is wrong (65).
        case data
        /// The server refused for lack of privilege (77).
        case permission
        /// A named thing (study, participant) does not exist (65 as data, kept apart for messages).
        case notFound
        /// A file could not be written (73).
        case cannotWrite
        /// The command line is incomplete (64), e.g. several studies and no `--study`.
        case usage
        /// Anything else (1).
        case other
    }

    public var kind: Kind
    public var message: String
    /// SQLSTATE of a server error, when there was one.
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    /// Which rule refused and what it is about, for a caller that words its own remedy.
    public var reason: Reason?

    public init(
        _ kind: Kind, _ message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        reason: Reason? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.reason = reason
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "\n  detail: \(detail)" }
        if let hint, !hint.isEmpty { text += "\n  hint: \(hint)" }
        return text
    }

    /// The sysexits status for this error.
    public var exitCode: Int32 {
        switch kind {
        case .unavailable: 69
        case .configuration: 78
        case .data, .notFound: 65
        case .permission: 77
        case .cannotWrite: 73
        case .usage: 64
        case .other: 1
        }
    }
}

extension StoreError {
    /// The rule behind an error, with the objects it is about: what a caller needs to say how to fix it.
    public enum Reason: Sendable, Equatable {
        /// No session could be opened with the connection settings given.
        case cannotConnect
        /// The server went away mid-session and did not come back in time.
        case connectionLost
        /// The database is behind this build: `pending` migrations, or (0) changed definitions.
        case schemaBehind(pending: Int)
        case studyExists(slug: String)
        case noSuchStudy(slug: String, known: [String])
        case noStudyYet
        /// Several studies and none named.
        case studyNotNamed
        /// The login has no role in a study of that name (which may or may not exist).
        case hiddenStudy(slug: String, login: String)
        /// The action needs `role` (or a wider one) in `study`.
        case needsRole(study: String, role: StudyRole)
        /// A participant filter, refused for a role that could single out participants with it.
        case filterRefused(role: String, study: String)
        /// A smallest shown group below 5, refused for a role that sees only aggregates.
        case minCellRefused(minCell: Int, role: String, study: String)
        /// A theme or proposition asked for by key that the codebook does not have (`theme`: asked as a theme).
        case noSuchCodeOption(key: String, theme: Bool, study: String)
        /// A key asked for as a theme that is a proposition, or the other way round.
        case codeKindMismatch(key: String, theme: Bool)
        /// A code reference the codebook does not have; `suggestion` is the closest key.
        case noSuchCode(suggestion: String?)
        /// A theme given where a proposition must be applied.
        case themeApplied
        case noSuchStatement
        case noSuchCoder(name: String, study: String, known: [String], suggestion: String?)
        /// A pseudonym that names no participant of the study.
        case noSuchParticipant
        case noSuchLogin(String)
        case invalidCoderName
        /// Setting up the group roles needs CREATEROLE or a superuser.
        case cannotCreateRoles(login: String)
        /// Handing the schema to viewpoints_owner needs the login that owns it.
        case notSchemaOwner
        /// A managed server started without a private socket folder on record.
        case noSocketFolder
        /// The managed server runs, but not on the TCP port asked for.
        case tcpConflict
        /// Statements (or transcripts) imported into a study without participants.
        case noParticipantsYet
        /// A backup of a study whose audit trail does not verify.
        case auditNotIntact(study: String)
        /// An archive changed, cut short or damaged after the backup was written.
        case archiveDamaged
        /// A file that is not a whole archive (truncated in copying).
        case archiveIncomplete
        /// The passphrase does not open the archive's sealed study key.
        case wrongPassphrase
        /// The name to restore under is not a valid study slug.
        case invalidRestoreName
        /// A study of the name to restore under exists already.
        case restoreNameTaken
        /// A different key file is where the restored study's key would go.
        case keyFileInTheWay
    }
}
