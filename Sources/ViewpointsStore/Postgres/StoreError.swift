/// Everything that can go wrong in the store, with what the program was doing and how to fix it.
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

    public init(_ kind: Kind, _ message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
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
