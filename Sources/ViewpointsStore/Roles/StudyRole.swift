/// A role a login can be granted in a study (`viewpoints grant --role`).
public enum StudyRole: String, Sendable, CaseIterable, Equatable {
    /// Everything within the study: adjudication, `--where`, `--min-cell 0`, participant-level views.
    case lead
    /// Reads statements, codebook and pseudonyms; writes codings and reviews only as its own coder.
    case coder
    /// Only suppressed aggregates, through the database's aggregate functions.
    case analyst

    /// The cluster-wide group role that carries this role's privileges.
    public var groupRole: String { "viewpoints_\(rawValue)" }
}

/// What the connected login may do in one study.
public enum StudyAccess: Sendable, Equatable {
    /// Superuser or viewpoints_owner: row-level security does not apply.
    case owner
    case lead
    /// A coder, writing as this coder.
    case coder(String)
    case analyst
    /// No membership: PostgreSQL shows none of the study's rows.
    case none

    /// For messages: "lead", "coder ann", …
    public var name: String {
        switch self {
        case .owner: "owner"
        case .lead: "lead"
        case .coder(let name): "coder \(name)"
        case .analyst: "analyst"
        case .none: "no role"
        }
    }
}

/// A login's membership in one study, as `viewpoints_memberships()` lists it.
public struct Membership: Sendable, Equatable {
    public var study: String
    public var role: StudyRole
    public var coder: String?
}
